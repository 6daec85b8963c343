using Kakunin.Authentication.Dmarc;

namespace Kakunin.Authentication;

/// <summary>
/// The verdict on one message (<see cref="Authentication"/>, which goes into Authentication-Results) and what the
/// policy that acts on it needs besides: every RFC5322.From domain and the reasons behind errors, for logs and replies.
/// </summary>
/// <param name="FromDomains">The domains of the From field's addresses, lower case (RFC 7489 §6.6.1), in order.</param>
/// <param name="DmarcApplied">For a DMARC fail: the policy to apply after sp and pct (RFC 7489 §6.6.4); else null.</param>
/// <param name="Problems">Why a check ended in none, temperror or permerror (free text, for the log).</param>
public sealed record AuthenticatedMessage(
    MessageAuthentication Authentication,
    IReadOnlyList<string> FromDomains,
    DmarcPolicy? DmarcApplied,
    string? SpfExplanation,
    IReadOnlyList<string> Problems);
