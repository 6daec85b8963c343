using Kakunin.Web.Ui.Text;

namespace Kakunin.Web.Mail;

/// <summary>
/// The one-line confirmations shown after an action redirects (POST, then GET: a reload never repeats it).
/// The redirect names the notice in the query (<c>?notice=sent</c>); unknown names show nothing, so a crafted
/// link can only ever show one of these texts.
/// </summary>
public static class Notice
{
    public const string Sent = "sent";
    public const string MovedToTrash = "trash";
    public const string DeletedForever = "deleted";
    public const string MarkedUnread = "unread";
    public const string DraftSaved = "draft";

    public static string? Text(string? notice, UiText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return notice switch
        {
            Sent => text.NoticeSent,
            MovedToTrash => text.NoticeMovedToTrash,
            DeletedForever => text.NoticeDeletedForever,
            MarkedUnread => text.NoticeMarkedUnread,
            DraftSaved => text.NoticeDraftSaved,
            _ => null,
        };
    }
}
