using Kakunin.Store;
using Kakunin.Store.Mail;
using Kakunin.Tracking;
using Kakunin.Web.Ui;
using Kakunin.Web.Ui.Text;

namespace Kakunin.Web.Mail;

/// <summary>
/// One row of a folder list as shown: who (the sender, or "To: …" in Sent and Drafts), subject, time, marks,
/// the tracking line of a sent message, and the whole row said in one sentence for screen readers.
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
    string? Tracking,
    string Label)
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

        var label = new List<string>();
        if (!item.Seen)
        {
            label.Add(text.Unread);
        }

        label.Add(who);
        label.Add(subject);
        label.Add(UiTime.FormatUtc(item.ReceivedAt, text.Language));
        if (item.HasAttachments)
        {
            label.Add(text.HasAttachments);
        }

        if (badge is not null)
        {
            label.Add(badge);
        }

        if (tracking is not null)
        {
            label.Add(tracking);
        }

        return new MessageRow(
            item.Id, href, !item.Seen, who, subject, item.ReceivedAt, item.HasAttachments, badge, item.ReportState == "unmatched", tracking,
            string.Join(", ", label));
    }
}
