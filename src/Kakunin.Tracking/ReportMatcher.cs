using Kakunin.Protocol;
using Kakunin.Store;

namespace Kakunin.Tracking;

/// <summary>
/// Finds the tracked message and recipients a report is about, within one user's own records
/// (docs/tracking.md, "How reports are matched").
/// </summary>
internal static class ReportMatcher
{
    /// <summary>
    /// The tracked message: candidates by Original-Envelope-Id, then by the first Message-ID key that finds any;
    /// of several, the newest one that has a recipient the report names, else the newest.
    /// </summary>
    public static (ReportCandidate Message, IReadOnlyList<MatchableRecipient> Recipients)? FindMessage(StoreTransaction tx, string user, InboundReport report)
    {
        var candidates = new List<ReportCandidate>();
        foreach (var envid in EnvelopeIds(report.Keys.EnvelopeId))
        {
            candidates.AddRange(TrackingLookup.ByEnvelopeId(tx, user, envid));
        }

        foreach (var id in report.Keys.MessageIds())
        {
            var found = TrackingLookup.ByMessageId(tx, user, id);
            if (found.Count > 0)
            {
                candidates.AddRange(found);
                break;
            }
        }

        (ReportCandidate, IReadOnlyList<MatchableRecipient>)? first = null;
        foreach (var candidate in candidates.DistinctBy(c => c.Id))
        {
            var recipients = TrackingLookup.Recipients(tx, candidate.Id);
            if (report.Recipients.Any(r => FindRecipient(recipients, r) is not null))
            {
                return (candidate, recipients);
            }

            first ??= (candidate, recipients);
        }

        return first;
    }

    /// <summary>
    /// The tracked recipient a reported one is about, in this order: Final-Recipient is the address we sent to;
    /// Original-Recipient (RFC 3464 §2.3.1, RFC 8098 §3.2.3) is it or the ORCPT we sent; Final-Recipient is the ORCPT
    /// we sent. "Is" is <see cref="MailboxIdentity"/> equality, the one rule the store keys recipients by.
    /// </summary>
    public static MatchableRecipient? FindRecipient(IReadOnlyList<MatchableRecipient> tracked, ReportedRecipient reported)
    {
        var final = MailboxIdentity.Parse(reported.Address);
        var original = MailboxIdentity.Parse(reported.OriginalRecipient);
        bool Is(string? address, MailboxIdentity? identity) => identity is not null && identity.Equals(MailboxIdentity.Parse(address));
        return tracked.FirstOrDefault(t => Is(t.Address, final))
            ?? tracked.FirstOrDefault(t => Is(t.Address, original) || Is(t.OriginalRecipient, original))
            ?? tracked.FirstOrDefault(t => Is(t.OriginalRecipient, final));
    }

    /// <summary>The ENVID as written, and xtext-decoded when it differs (RFC 3461 §4: some MTAs print the xtext form).</summary>
    private static IEnumerable<string> EnvelopeIds(string? envid)
    {
        if (envid is null)
        {
            yield break;
        }

        yield return envid;
        if (envid.Contains('+', StringComparison.Ordinal) && Xtext.TryDecode(envid, out var decoded) && decoded != envid)
        {
            yield return decoded;
        }
    }
}
