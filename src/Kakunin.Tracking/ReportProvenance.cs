using Kakunin.Protocol;

namespace Kakunin.Tracking;

/// <summary>
/// How far what a report says about one recipient is believed (docs/tracking.md, "Provenance"). Pure.
/// </summary>
public static class ReportProvenance
{
    /// <summary>
    /// <list type="bullet">
    /// <item>Submitted here by a signed-in local user: <see cref="Provenance.Local"/> when that user is the recipient
    /// it speaks for (the reader's own MDN, from their client or our read-receipt path); otherwise a local user is
    /// speaking for somebody else, which is <see cref="Provenance.Unverified"/>.</item>
    /// <item>From outside: <see cref="Provenance.Authenticated"/> when this server's Authentication-Results on it show
    /// a DKIM pass aligned with, or an SPF pass for, the recipient's domain or the host our queue handed the message to
    /// (relaxed alignment, RFC 7489 §3.1: the same organizational domain); else unverified.</item>
    /// </list>
    /// </summary>
    /// <param name="remoteMta">The host our queue handed the message to for this recipient, when it did.</param>
    /// <returns>The provenance, and for an authenticated report the domain that vouched for it.</returns>
    public static (Provenance Provenance, string? VouchedBy) Judge(InboundReport report, ReportOrigin origin, string recipientAddress, string? remoteMta)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(origin);
        if (origin.SubmittedBy is { } user)
        {
            return (MailboxIdentity.Same(user, recipientAddress) ? Provenance.Local : Provenance.Unverified, null);
        }

        if (report.Authentication is not { } auth)
        {
            return (Provenance.Unverified, null);
        }

        var domain = MailboxIdentity.DomainOf(recipientAddress);
        if (domain.Length > 0 && auth.Vouches(domain, origin.OrganizationalDomains))
        {
            return (Provenance.Authenticated, origin.OrganizationalDomains.Of(domain));
        }

        if (HostName(remoteMta) is { } host && auth.Vouches(host, origin.OrganizationalDomains))
        {
            return (Provenance.Authenticated, origin.OrganizationalDomains.Of(host));
        }

        return (Provenance.Unverified, null);
    }

    /// <summary>The host name of a Remote-MTA as our queue recorded it; null for an address (no domain can vouch for an IP).</summary>
    private static string? HostName(string? remoteMta)
    {
        var name = remoteMta?.Split([' ', '['], 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.TrimEnd('.');
        return string.IsNullOrEmpty(name) || System.Net.IPAddress.TryParse(name, out _) || !name.Contains('.', StringComparison.Ordinal)
            ? null
            : DomainNames.Canonical(name);
    }
}
