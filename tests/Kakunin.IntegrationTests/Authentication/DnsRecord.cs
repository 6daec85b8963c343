namespace Kakunin.IntegrationTests.Authentication;

/// <summary>One DNS record a test needs published: owner name (absolute, no trailing dot), type, and RDATA as text (TXT unquoted).</summary>
public sealed record DnsRecord(string Name, string Type, string Value);
