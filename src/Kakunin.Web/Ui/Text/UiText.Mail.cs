using System.Globalization;

namespace Kakunin.Web.Ui.Text;

// Reading mail: the message list, a message, its actions, and the one-line tracking summary of a sent message.
public abstract partial class UiText
{
    public abstract string Compose { get; }

    public abstract string MessagesLabel { get; }

    public abstract string SearchLabel { get; }

    public abstract string SearchButton { get; }

    public abstract string ClearSearch { get; }

    public abstract string EmptyFolder { get; }

    public abstract string NoSearchResults(string query);

    /// <summary>"1–50 of 1,234": which messages this page shows.</summary>
    public abstract string Range(long first, long last, long total);

    public abstract string PagesLabel { get; }

    public abstract string PreviousPage { get; }

    public abstract string NextPage { get; }

    public abstract string PageNumber(int page);

    /// <summary>Before the recipients in Sent and Drafts, where the sender is always the reader.</summary>
    public abstract string ToPrefix { get; }

    public abstract string NoSubject { get; }

    public abstract string UnknownSender { get; }

    public abstract string Unread { get; }

    public abstract string HasAttachments { get; }

    /// <summary>A delivery report or read receipt that could not be tied to a message the reader sent.</summary>
    public abstract string UnmatchedReport { get; }

    /// <summary>A report that was tied to a sent message (and updated its tracking).</summary>
    public abstract string MatchedReport { get; }

    public abstract string TrackingDelivered(int count, int recipients);

    public abstract string TrackingRead(int count, int recipients);

    public abstract string TrackingPending(int count);

    public abstract string TrackingDelayed(int count);

    public abstract string TrackingRelayed(int count);

    public abstract string TrackingExpanded(int count);

    public abstract string TrackingFailed(int count);

    public abstract string TrackingDeletedUnread(int count);

    public abstract string TrackingLabel { get; }

    public abstract string FromLabel { get; }

    public abstract string ToLabel { get; }

    public abstract string CcLabel { get; }

    public abstract string BccLabel { get; }

    public abstract string DateLabel { get; }

    public abstract string SubjectLabel { get; }

    public abstract string MessageActions { get; }

    public abstract string Reply { get; }

    public abstract string ReplyAll { get; }

    public abstract string Forward { get; }

    public abstract string Delete { get; }

    public abstract string DeleteForever { get; }

    public abstract string DeleteForeverQuestion { get; }

    public abstract string Cancel { get; }

    public abstract string MarkUnread { get; }

    public abstract string EditDraft { get; }

    public abstract string BackTo(string folderName);

    public abstract string RemoteImagesBlocked(int count);

    public abstract string ShowImages { get; }

    public abstract string MessageBodyTitle { get; }

    public abstract string Attachments { get; }

    public abstract string DownloadAttachment(string fileName);

    public abstract string NoticeSent { get; }

    public abstract string NoticeMovedToTrash { get; }

    public abstract string NoticeDeletedForever { get; }

    public abstract string NoticeMarkedUnread { get; }

    public abstract string NoticeDraftSaved { get; }

    /// <summary>Numbers with thousands separators, the same in both languages ("1,234").</summary>
    protected static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private sealed partial class English
    {
        public override string Compose => "Compose";

        public override string MessagesLabel => "Messages";

        public override string SearchLabel => "Search this folder";

        public override string SearchButton => "Search";

        public override string ClearSearch => "Clear search";

        public override string EmptyFolder => "This folder is empty.";

        public override string NoSearchResults(string query) => $"No message in this folder matches “{query}”.";

        public override string Range(long first, long last, long total) => $"{Number(first)}–{Number(last)} of {Number(total)}";

        public override string PagesLabel => "Pages";

        public override string PreviousPage => "Previous";

        public override string NextPage => "Next";

        public override string PageNumber(int page) => $"Page {Number(page)}";

        public override string ToPrefix => "To:";

        public override string NoSubject => "(no subject)";

        public override string UnknownSender => "(unknown sender)";

        public override string Unread => "Unread";

        public override string HasAttachments => "Has attachments";

        public override string UnmatchedReport => "Unmatched report";

        public override string MatchedReport => "Report";

        public override string TrackingDelivered(int count, int recipients) => $"Delivered {count}/{recipients}";

        public override string TrackingRead(int count, int recipients) => $"Read {count}/{recipients}";

        public override string TrackingPending(int count) => $"Pending {count}";

        public override string TrackingDelayed(int count) => $"{count} delayed";

        public override string TrackingRelayed(int count) => $"{count} relayed";

        public override string TrackingExpanded(int count) => $"{count} expanded";

        public override string TrackingFailed(int count) => $"{count} failed";

        public override string TrackingDeletedUnread(int count) => $"{count} deleted unread";

        public override string TrackingLabel => "Tracking";

        public override string FromLabel => "From";

        public override string ToLabel => "To";

        public override string CcLabel => "Cc";

        public override string BccLabel => "Bcc";

        public override string DateLabel => "Date";

        public override string SubjectLabel => "Subject";

        public override string MessageActions => "Message actions";

        public override string Reply => "Reply";

        public override string ReplyAll => "Reply all";

        public override string Forward => "Forward";

        public override string Delete => "Delete";

        public override string DeleteForever => "Delete forever";

        public override string DeleteForeverQuestion => "Delete this message forever? This cannot be undone.";

        public override string Cancel => "Cancel";

        public override string MarkUnread => "Mark unread";

        public override string EditDraft => "Edit draft";

        public override string BackTo(string folderName) => $"Back to {folderName}";

        public override string RemoteImagesBlocked(int count) => count == 1
            ? "This message has 1 remote image, blocked to protect your privacy."
            : $"This message has {count} remote images, blocked to protect your privacy.";

        public override string ShowImages => "Show images";

        public override string MessageBodyTitle => "Message body";

        public override string Attachments => "Attachments";

        public override string DownloadAttachment(string fileName) => $"Download {fileName}";

        public override string NoticeSent => "Sent.";

        public override string NoticeMovedToTrash => "Moved to Trash.";

        public override string NoticeDeletedForever => "Deleted forever.";

        public override string NoticeMarkedUnread => "Marked as unread.";

        public override string NoticeDraftSaved => "Draft saved.";
    }

    private sealed partial class Japanese
    {
        public override string Compose => "新規作成";

        public override string MessagesLabel => "メッセージ";

        public override string SearchLabel => "このフォルダーを検索";

        public override string SearchButton => "検索";

        public override string ClearSearch => "検索を解除";

        public override string EmptyFolder => "このフォルダーにメッセージはありません。";

        public override string NoSearchResults(string query) => $"このフォルダーに「{query}」に一致するメッセージはありません。";

        public override string Range(long first, long last, long total) => $"{Number(total)} 件中 {Number(first)}–{Number(last)} 件";

        public override string PagesLabel => "ページ";

        public override string PreviousPage => "前へ";

        public override string NextPage => "次へ";

        public override string PageNumber(int page) => $"{Number(page)} ページ";

        public override string ToPrefix => "宛先:";

        public override string NoSubject => "（件名なし）";

        public override string UnknownSender => "（差出人不明）";

        public override string Unread => "未読";

        public override string HasAttachments => "添付ファイルあり";

        public override string UnmatchedReport => "照合できない通知";

        public override string MatchedReport => "通知";

        public override string TrackingDelivered(int count, int recipients) => $"配信 {count}/{recipients}";

        public override string TrackingRead(int count, int recipients) => $"開封 {count}/{recipients}";

        public override string TrackingPending(int count) => $"送信待ち {count}";

        public override string TrackingDelayed(int count) => $"遅延 {count}";

        public override string TrackingRelayed(int count) => $"中継 {count}";

        public override string TrackingExpanded(int count) => $"展開 {count}";

        public override string TrackingFailed(int count) => $"失敗 {count}";

        public override string TrackingDeletedUnread(int count) => $"未開封のまま削除 {count}";

        public override string TrackingLabel => "追跡";

        public override string FromLabel => "差出人";

        public override string ToLabel => "宛先";

        public override string CcLabel => "CC";

        public override string BccLabel => "BCC";

        public override string DateLabel => "日時";

        public override string SubjectLabel => "件名";

        public override string MessageActions => "メッセージの操作";

        public override string Reply => "返信";

        public override string ReplyAll => "全員に返信";

        public override string Forward => "転送";

        public override string Delete => "削除";

        public override string DeleteForever => "完全に削除";

        public override string DeleteForeverQuestion => "このメッセージを完全に削除しますか？元に戻すことはできません。";

        public override string Cancel => "キャンセル";

        public override string MarkUnread => "未読にする";

        public override string EditDraft => "下書きを編集";

        public override string BackTo(string folderName) => $"{folderName}に戻る";

        public override string RemoteImagesBlocked(int count) =>
            $"このメッセージには外部の画像が {count} 件あります。プライバシー保護のため表示していません。";

        public override string ShowImages => "画像を表示";

        public override string MessageBodyTitle => "メッセージ本文";

        public override string Attachments => "添付ファイル";

        public override string DownloadAttachment(string fileName) => $"{fileName} をダウンロード";

        public override string NoticeSent => "送信しました。";

        public override string NoticeMovedToTrash => "ごみ箱に移動しました。";

        public override string NoticeDeletedForever => "完全に削除しました。";

        public override string NoticeMarkedUnread => "未読にしました。";

        public override string NoticeDraftSaved => "下書きを保存しました。";
    }
}
