namespace Kakunin.Authentication;

/// <summary>SPF for the MAIL FROM domain, or for the HELO name when MAIL FROM was empty (RFC 7208 §2.4).</summary>
/// <param name="Scope">"mailfrom" or "helo" (the RFC 8601 property smtp.mailfrom / smtp.helo).</param>
public sealed record SpfCheck(AuthResult Result, string Domain, string Scope = "mailfrom");

/// <summary>One DKIM-Signature's result (RFC 6376 §6.1); <paramref name="Domain"/> is its d= tag.</summary>
public sealed record DkimCheck(AuthResult Result, string Domain, string? Selector = null, string? Algorithm = null);

/// <summary>DMARC for the RFC5322.From domain (RFC 7489 §6.6); <paramref name="Policy"/> is none, quarantine or reject.</summary>
public sealed record DmarcCheck(AuthResult Result, string FromDomain, string? Policy = null);
