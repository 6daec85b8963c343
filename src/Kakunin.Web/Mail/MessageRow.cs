using Kakunin.Store;
using Kakunin.Store.Mail;
using Kakunin.Tracking;
using Kakunin.Web.Ui;
using Kakunin.Web.Ui.Text;

namespace Kakunin.Web.Mail;

/// <summary>
/// One row of a folder list as shown: who (the sender, or "To: …" in Sent and Drafts), subject, time, marks,
/// the tracking line of a sent message. The list names each row by what it shows (Pages/Mail/Folder.cshtml).
/// </summary>
public sealed record MessageRow(
    long Id,
    string Href,
    bool Unread,
    string Who,
    string Subject,
    DateTimeOffset When,
    bool HasAttachments,
    string? ReportBadge,
    bool ReportUnmatched,
    string? Tracking)
{
    public static MessageRow Create(MessageListItem item, string folder, TrackingSummary? summary, UiText text)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(text);
        var recipients = folder is MailFolders.Sent or MailFolders.Drafts;
        var who = recipients
            ? $"{text.ToPrefix} {(string.IsNullOrWhiteSpace(item.To) ? "—" : item.To)}"
            : string.IsNullOrWhiteSpace(item.From) ? text.UnknownSender : item.From;
        var subject = string.IsNullOrWhiteSpace(item.Subject) ? text.NoSubject : item.Subject;
        var badge = item.ReportState switch
        {
            "unmatched" => text.UnmatchedReport,
            "matched" => text.MatchedReport,
            _ => null,
        };
        var tracking = summary is null ? null : TrackingSummaryText.Format(summary, text);
        var href = folder == MailFolders.Drafts ? MailUrls.EditDraft(item.Id) : MailUrls.Message(folder, item.Id);

        return new MessageRow(
            item.Id, href, !item.Seen, who, subject, item.ReceivedAt, item.HasAttachments, badge, item.ReportState == "unmatched", tracking);
    }
}
