namespace Kakunin.Store.Mail;

/// <summary>One row of a folder list: the stored summary, never the content.</summary>
/// <param name="Date">The message's own Date field, when it parses.</param>
/// <param name="ReportState">'matched' or 'unmatched' for a report that came back; null for ordinary mail.</param>
public sealed record MessageListItem(
    long Id,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? Date,
    string? From,
    string? To,
    string? Subject,
    long Size,
    bool Seen,
    bool HasAttachments,
    string? ReportState,
    string Flags);
