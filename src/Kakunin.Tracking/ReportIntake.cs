using System.Runtime.InteropServices;
using Kakunin.Authentication.Dmarc;
using Kakunin.Protocol;
using Kakunin.Reports.Analysis;
using Kakunin.Store;
using MimeKit;

namespace Kakunin.Tracking;

/// <summary>
/// Reports that come back to a local user: <see cref="Inspect"/> recognises them (pure), <see cref="Apply"/> ties
/// them to the user's own tracked message and recipient and records what they say, inside the delivery's
/// write transaction. See docs/tracking.md.
/// </summary>
public static class ReportIntake
{
    /// <summary>
    /// Reads a DSN (RFC 3464), MDN (RFC 8098) or recognised non-standard bounce; null for anything else. Pure,
    /// never throws on bad input. Ordinary mail is turned away by a scan of the header section
    /// (<see cref="ReportPrecheck"/>) before any MIME parse.
    /// </summary>
    /// <param name="authservId">This server's host name: the Authentication-Results it stamped on the report are read (null: none are).</param>
    public static InboundReport? Inspect(ReadOnlyMemory<byte> content, string? authservId = null)
    {
        if (!ReportPrecheck.MayBeReport(content.Span))
        {
            return null;
        }

        var bytes = MemoryMarshal.TryGetArray(content, out var segment) && segment.Array is not null
            ? segment
            : new ArraySegment<byte>(content.ToArray());
        try
        {
            using var stream = new MemoryStream(bytes.Array!, bytes.Offset, bytes.Count, writable: false);
            var message = MimeMessage.Load(stream);
            return ReportReader.Read(message, ReportAnalyzer.Analyze(message), authservId);
        }
        catch (Exception e) when (e is FormatException or NotSupportedException or ArgumentException or IOException)
        {
            return null; // unparseable: ordinary (if broken) mail
        }
    }

    /// <summary>
    /// Records <paramref name="report"/>, delivered to <paramref name="userAddress"/> as mailbox message
    /// <paramref name="mailboxMessageId"/>, against the tracked message it is about — looked for only among that
    /// user's own records. Every outcome is an event with the evidence "message:&lt;id&gt;" and its provenance
    /// (<see cref="ReportProvenance"/>); whether it moves the delivery or read state is the rule's
    /// (<see cref="TrackingRules"/>): an unverified report never does. A report tied to no tracked recipient is
    /// recorded as an unmatched-report event of the user's (<see cref="UnmatchedReports"/>), in the same transaction.
    /// </summary>
    /// <param name="origin">How the report arrived; null: from outside, judged with the built-in <see cref="PublicSuffixList"/>.</param>
    /// <exception cref="InvalidOperationException">The mailbox message is not the user's.</exception>
    public static ReportMatch Apply(
        StoreTransaction tx, long userId, string userAddress, InboundReport report, long mailboxMessageId, DateTimeOffset at, ReportOrigin? origin = null)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentException.ThrowIfNullOrEmpty(userAddress);
        if (MailboxMessages.OwnerOf(tx, mailboxMessageId) != userId)
        {
            throw new InvalidOperationException($"Message {mailboxMessageId} is not in the mailbox of user {userId}: it cannot be evidence for them.");
        }

        origin ??= ReportOrigin.Outside(PublicSuffixList.BuiltIn);
        var user = MailboxIdentity.KeyOf(userAddress);
        if (ReportMatcher.FindMessage(tx, user, report) is not { } found)
        {
            return Unmatched(tx, userAddress, report, mailboxMessageId, at, origin, trackingMessageId: null);
        }

        var (message, recipients) = found;

        var evidence = TrackingRepository.MessageEvidence(mailboxMessageId);
        var updated = 0;
        foreach (var reported in report.Recipients)
        {
            if (ReportMatcher.FindRecipient(recipients, reported) is not { } tracked)
            {
                continue;
            }

            var (provenance, vouchedBy) = ReportProvenance.Judge(report, origin, tracked.Address, tracked.RemoteMta);
            var said = new TrackingUpdate(TrackingState.Unknown, at, provenance, Evidence: evidence, ReportedBy: report.ReportedBy, VouchedBy: vouchedBy);
            if (reported.Delivery is { } d)
            {
                TrackingRepository.Record(tx, tracked.Id, said with
                {
                    State = State(d.Action), Status = d.Status?.ToString(), Diagnostic = d.Diagnostic, RetryUntil = d.WillRetryUntil,
                });
            }

            if (reported.Read is { } r)
            {
                TrackingRepository.Record(tx, tracked.Id, said with { State = r.State, Diagnostic = r.Written });
            }

            updated++;
        }

        return updated == 0 ? Unmatched(tx, userAddress, report, mailboxMessageId, at, origin, message.Id) : new ReportMatch(message.Id, updated);
    }

    // Tied to nothing the user sent: the report becomes an event of its own (docs/tracking.md, "Unmatched reports"),
    // judged as a report about the first recipient it names (whose domain may vouch for it), with no next hop to ask.
    private static ReportMatch Unmatched(
        StoreTransaction tx, string userAddress, InboundReport report, long mailboxMessageId, DateTimeOffset at, ReportOrigin origin, long? trackingMessageId)
    {
        var (provenance, vouchedBy) = report.Recipients.Count > 0
            ? ReportProvenance.Judge(report, origin, report.Recipients[0].Address, remoteMta: null)
            : (Provenance.Unverified, null);
        var eventId = UnmatchedReports.Record(tx, userAddress, report, mailboxMessageId, at, provenance, vouchedBy);
        return new ReportMatch(trackingMessageId, 0) { UnmatchedEventId = eventId };
    }

    /// <summary>
    /// Our own DSN (generated by this server's queue, which recorded the outcomes itself with the evidence
    /// "dsn:&lt;queue id&gt;") has been delivered to <paramref name="userAddress"/> as <paramref name="mailboxMessageId"/>:
    /// the recipients it reported now point at it. No event is added, so the timeline never shows an outcome
    /// twice and the state is not touched.
    /// </summary>
    public static ReportMatch AttachOwnDsn(StoreTransaction tx, string userAddress, string dsnQueueId, long mailboxMessageId)
    {
        ArgumentNullException.ThrowIfNull(tx);
        var count = TrackingRepository.AttachOwnDsn(tx, userAddress, dsnQueueId, mailboxMessageId);
        return new ReportMatch(null, count);
    }

    private static TrackingState State(Reports.Dsn.DsnAction action) => action switch
    {
        Reports.Dsn.DsnAction.Delivered => TrackingState.Delivered,
        Reports.Dsn.DsnAction.Relayed => TrackingState.Relayed,
        Reports.Dsn.DsnAction.Expanded => TrackingState.Expanded,
        Reports.Dsn.DsnAction.Delayed => TrackingState.Delayed,
        _ => TrackingState.Failed,
    };
}
