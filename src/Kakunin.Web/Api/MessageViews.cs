using Kakunin.Protocol;
using Kakunin.Tracking;
using Kakunin.Web.Ui.Tracking;

namespace Kakunin.Web.Api;

/// <summary>Builds <see cref="MessageView"/> from the tracking queries' records.</summary>
public static class MessageViews
{
    public static MessageView From(TrackedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var messageId = ApiIds.Of(ApiIds.Message, message.Id);
        return new MessageView(
            messageId,
            message.MessageId is { } id ? "<" + id.Trim('<', '>') + ">" : null,
            message.Subject,
            message.SubmittedAt,
            [.. message.Recipients.Select(r => Recipient(messageId, r, [.. message.Events.Where(e => e.TrackingRecipientId == r.Id)]))]);
    }

    /// <summary>The API's word for a delivery state: the stored word, but "removed" for an administrator's removal (not the read state "deleted").</summary>
    public static string StateWord(TrackingState state) => state switch
    {
        TrackingState.Unknown => "unknown",
        TrackingState.Removed => "removed",
        _ => state.Word(),
    };

    /// <summary>RFC 3463 meaning of a status code in English, or null when there is no code.</summary>
    public static string? Meaning(string? status) =>
        status is not null && EnhancedStatusCode.TryParse(status, out var code) ? EnhancedStatusCodeRegistry.Describe(code.Value) : null;

    public static string EvidenceUrl(string messageId, long eventId) =>
        $"{ApiRoutes.Prefix}/messages/{messageId}/evidence/{ApiIds.Of(ApiIds.Event, eventId)}";

    private static RecipientView Recipient(string messageId, TrackedRecipient r, List<TrackingEventRecord> events)
    {
        var evidence = TrackingEvidence.Parse(r.Evidence);
        return new RecipientView(
            ApiIds.Of(ApiIds.Recipient, r.Id),
            r.Address,
            StateWord(r.State),
            r.StateAt,
            r.Status,
            Meaning(r.Status),
            r.Diagnostic,
            evidence.Kind == EvidenceKind.RemoteServer ? evidence.Text : null,
            r.RetryUntil,
            r.Provenance.Word(),
            ReportUrl(messageId, events, r.State),
            r.ReadState is { } read
                ? new ReadView(read == TrackingState.Unknown ? "unknown" : read.Word(), r.ReadAt, r.ReadProvenance?.Word(), ReportUrl(messageId, events, read))
                : null,
            [.. events.Select(e => Event(messageId, e))]);
    }

    private static EventView Event(string messageId, TrackingEventRecord e) => new(
        ApiIds.Of(ApiIds.Event, e.Id),
        e.State.IsRead() ? "read:" + e.State.Word() : StateWord(e.State),
        e.At,
        e.Status,
        e.Diagnostic,
        e.Provenance.Word(),
        e.ReportedBy,
        e.VouchedBy,
        HasReport(e) ? EvidenceUrl(messageId, e.Id) : null);

    // A report in the mailbox, or our own DSN (served from the queue): what the evidence endpoint can return.
    private static bool HasReport(TrackingEventRecord e) => TrackingEvidence.Parse(e.Evidence).Kind is EvidenceKind.Message or EvidenceKind.OwnDsn;

    // The latest event that put the recipient in this state and has a report behind it.
    private static string? ReportUrl(string messageId, List<TrackingEventRecord> events, TrackingState state) =>
        events.LastOrDefault(e => e.State == state && HasReport(e)) is { } e ? EvidenceUrl(messageId, e.Id) : null;
}
