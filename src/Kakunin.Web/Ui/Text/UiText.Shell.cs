using Kakunin.Store;

namespace Kakunin.Web.Ui.Text;

// The frame around every page: header, folder list, language switch, sign-out.
public abstract partial class UiText
{
    public abstract string ProductName { get; }

    public abstract string SkipToContent { get; }

    public abstract string Folders { get; }

    /// <summary>The button that shows the folder list on narrow screens.</summary>
    public abstract string ShowFolders { get; }

    public abstract string LanguageLabel { get; }

    public abstract string Account { get; }

    public abstract string SignedInSince { get; }

    public abstract string SignOut { get; }

    public abstract string SignOutQuestion { get; }

    public abstract string SignOutEverywhere { get; }

    public abstract string SignOutEverywhereHint { get; }

    public abstract string SessionsTitle { get; }

    /// <summary>For screen readers, beside the unread badge.</summary>
    public abstract string UnreadCount(int count);

    /// <summary>A folder's name for people; folders we did not create keep their own name.</summary>
    public abstract string FolderName(string folder);

    public abstract string NotFoundTitle { get; }

    public abstract string NotFoundText { get; }

    public abstract string ErrorTitle { get; }

    public abstract string ErrorText(int statusCode);

    public abstract string GoToInbox { get; }

    private sealed partial class English
    {
        public override string ProductName => "Kakunin";

        public override string SkipToContent => "Skip to content";

        public override string Folders => "Folders";

        public override string ShowFolders => "Folders";

        public override string LanguageLabel => "Language";

        public override string Account => "Account";

        public override string SignedInSince => "Signed in";

        public override string SignOut => "Sign out";

        public override string SignOutQuestion => "Sign out of Kakunin?";

        public override string SignOutEverywhere => "Sign out everywhere";

        public override string SignOutEverywhereHint => "Ends every session of yours, on this device and on any other, including any copy of a session someone else may have.";

        public override string SessionsTitle => "Sessions";

        public override string UnreadCount(int count) => count == 1 ? "1 unread message" : $"{count} unread messages";

        public override string FolderName(string folder) => folder switch
        {
            MailFolders.Inbox => "Inbox",
            MailFolders.Sent => "Sent",
            MailFolders.Drafts => "Drafts",
            MailFolders.Trash => "Trash",
            MailFolders.Junk => "Junk",
            MailFolders.Receipts => "Receipts",
            _ => folder,
        };

        public override string NotFoundTitle => "Page not found";

        public override string NotFoundText => "There is no page at this address.";

        public override string ErrorTitle => "Something went wrong";

        public override string ErrorText(int statusCode) => $"The server could not answer this request (status {statusCode}).";

        public override string GoToInbox => "Go to the Inbox";
    }

    private sealed partial class Japanese
    {
        public override string ProductName => "Kakunin";

        public override string SkipToContent => "本文へスキップ";

        public override string Folders => "フォルダー";

        public override string ShowFolders => "フォルダー";

        public override string LanguageLabel => "言語";

        public override string Account => "アカウント";

        public override string SignedInSince => "サインイン日時";

        public override string SignOut => "サインアウト";

        public override string SignOutQuestion => "Kakunin からサインアウトしますか？";

        public override string SignOutEverywhere => "すべての端末からサインアウト";

        public override string SignOutEverywhereHint => "この端末とほかのすべての端末で、あなたのセッションをすべて終了します。他人に写し取られたセッションも無効になります。";

        public override string SessionsTitle => "セッション";

        public override string UnreadCount(int count) => $"未読 {count} 件";

        public override string FolderName(string folder) => folder switch
        {
            MailFolders.Inbox => "受信トレイ",
            MailFolders.Sent => "送信済み",
            MailFolders.Drafts => "下書き",
            MailFolders.Trash => "ごみ箱",
            MailFolders.Junk => "迷惑メール",
            MailFolders.Receipts => "確認通知",
            _ => folder,
        };

        public override string NotFoundTitle => "ページが見つかりません";

        public override string NotFoundText => "このアドレスのページはありません。";

        public override string ErrorTitle => "エラーが発生しました";

        public override string ErrorText(int statusCode) => $"サーバーはこのリクエストに応答できませんでした（ステータス {statusCode}）。";

        public override string GoToInbox => "受信トレイへ";
    }
}
