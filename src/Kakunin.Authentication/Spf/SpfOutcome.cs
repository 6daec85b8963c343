namespace Kakunin.Authentication.Spf;

/// <summary>The result of check_host() (RFC 7208 §2.6), with the explanation of a fail (§6.2) and, for an error, what went wrong.</summary>
public sealed record SpfOutcome(AuthResult Result, string? Explanation = null, string? Problem = null);
