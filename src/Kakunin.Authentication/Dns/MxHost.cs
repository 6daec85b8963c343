namespace Kakunin.Authentication.Dns;

/// <summary>One MX record: its preference and exchange host name (without the trailing dot).</summary>
public sealed record MxHost(int Preference, string Exchange);
