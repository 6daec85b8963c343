namespace Kakunin.Authentication.Dmarc;

/// <summary>
/// The DMARC verdict (RFC 7489 §6.6) and the policy to apply to this message: <see cref="DmarcCheck.Policy"/> is
/// the evaluated policy (sp for subdomains, pct sampling applied, §6.6.4) when a record was found.
/// </summary>
/// <param name="Record">The record found, or null.</param>
/// <param name="Applied">For a fail: the policy to apply to this message; else null.</param>
/// <param name="Problem">For none, temperror and permerror: why, for logs.</param>
public sealed record DmarcOutcome(DmarcCheck Check, DmarcRecord? Record, DmarcPolicy? Applied, string? Problem = null);
