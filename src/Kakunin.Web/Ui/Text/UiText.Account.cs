namespace Kakunin.Web.Ui.Text;

// The account page (/settings/account): the display name in From, and a password change.
public abstract partial class UiText
{
    public abstract string AccountLink { get; }

    public abstract string AccountTitle { get; }

    public abstract string DisplayNameLegend { get; }

    public abstract string DisplayNameLabel { get; }

    /// <summary>How the From will read, e.g. "Alice Liddell &lt;alice@example.test&gt;".</summary>
    public abstract string DisplayNameHint(string address);

    public abstract string DisplayNameSave { get; }

    public abstract string DisplayNameSaved { get; }

    public abstract string DisplayNameInvalid(int maxLength);

    public abstract string PasswordLegend { get; }

    public abstract string PasswordHint { get; }

    public abstract string CurrentPasswordLabel { get; }

    public abstract string NewPasswordLabel { get; }

    public abstract string RepeatPasswordLabel { get; }

    public abstract string PasswordChange { get; }

    public abstract string PasswordChanged { get; }

    public abstract string PasswordWrongCurrent { get; }

    public abstract string PasswordEmpty { get; }

    public abstract string PasswordMismatch { get; }

    private sealed partial class English
    {
        public override string AccountLink => "Name and password";

        public override string AccountTitle => "Name and password";

        public override string DisplayNameLegend => "Your name";

        public override string DisplayNameLabel => "Name shown to recipients";

        public override string DisplayNameHint(string address) => $"Recipients see it beside {address} in the From of what you send. Leave it empty to send with the address alone.";

        public override string DisplayNameSave => "Save name";

        public override string DisplayNameSaved => "Name saved.";

        public override string DisplayNameInvalid(int maxLength) => $"A name can have at most {maxLength} characters and no line breaks.";

        public override string PasswordLegend => "Password";

        public override string PasswordHint => "Changing it signs you out on every other device and browser.";

        public override string CurrentPasswordLabel => "Current password";

        public override string NewPasswordLabel => "New password";

        public override string RepeatPasswordLabel => "New password again";

        public override string PasswordChange => "Change password";

        public override string PasswordChanged => "Password changed. Every other session is signed out.";

        public override string PasswordWrongCurrent => "The current password is not right.";

        public override string PasswordEmpty => "Enter a new password.";

        public override string PasswordMismatch => "The two new passwords are not the same.";
    }

    private sealed partial class Japanese
    {
        public override string AccountLink => "名前とパスワード";

        public override string AccountTitle => "名前とパスワード";

        public override string DisplayNameLegend => "あなたの名前";

        public override string DisplayNameLabel => "受信者に表示する名前";

        public override string DisplayNameHint(string address) => $"送信するメールの差出人に {address} と並んで表示されます。空欄にするとアドレスだけで送信します。";

        public override string DisplayNameSave => "名前を保存";

        public override string DisplayNameSaved => "名前を保存しました。";

        public override string DisplayNameInvalid(int maxLength) => $"名前は {maxLength} 文字以内で、改行を含めることはできません。";

        public override string PasswordLegend => "パスワード";

        public override string PasswordHint => "変更すると、ほかのすべての端末とブラウザーからサインアウトします。";

        public override string CurrentPasswordLabel => "現在のパスワード";

        public override string NewPasswordLabel => "新しいパスワード";

        public override string RepeatPasswordLabel => "新しいパスワード（確認）";

        public override string PasswordChange => "パスワードを変更";

        public override string PasswordChanged => "パスワードを変更しました。ほかのセッションはすべてサインアウトしました。";

        public override string PasswordWrongCurrent => "現在のパスワードが正しくありません。";

        public override string PasswordEmpty => "新しいパスワードを入力してください。";

        public override string PasswordMismatch => "新しいパスワードが一致しません。";
    }
}
