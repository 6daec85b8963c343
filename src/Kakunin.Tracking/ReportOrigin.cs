using Kakunin.Authentication;

namespace Kakunin.Tracking;

/// <summary>How a report reached the user's mailbox, which decides how far it is believed (<see cref="ReportProvenance"/>).</summary>
/// <param name="SubmittedBy">The local user who submitted it over authenticated submission (or whose read-receipt click queued it); null for mail from outside.</param>
/// <param name="OrganizationalDomains">For relaxed alignment (RFC 7489 §3.2).</param>
public sealed record ReportOrigin(string? SubmittedBy, IOrganizationalDomains OrganizationalDomains)
{
    /// <summary>A report from outside, judged by this server's Authentication-Results on it.</summary>
    public static ReportOrigin Outside(IOrganizationalDomains organizationalDomains) => new(null, organizationalDomains);
}
