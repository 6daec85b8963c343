namespace Kakunin.Web.Ui.Text;

// The API tokens page (/settings/tokens, docs/api.md).
public abstract partial class UiText
{
    public abstract string TokensTitle { get; }

    public abstract string TokensIntro { get; }

    public abstract string TokensLink { get; }

    public abstract string TokensNameLabel { get; }

    public abstract string TokensCreate { get; }

    public abstract string TokensNameNeeded { get; }

    /// <summary>Above the token text, shown once after it was created.</summary>
    public abstract string TokensShownOnce { get; }

    public abstract string TokensNone { get; }

    public abstract string TokensColumnName { get; }

    public abstract string TokensColumnPrefix { get; }

    public abstract string TokensColumnCreated { get; }

    public abstract string TokensColumnLastUsed { get; }

    public abstract string TokensNeverUsed { get; }

    public abstract string TokensRevoke { get; }

    public abstract string TokensRevoked { get; }

    private sealed partial class English
    {
        public override string TokensTitle => "API tokens";

        public override string TokensIntro => "A token lets a program (a CRM, a ticketing tool) send mail as you and read what happened to it through the API, without your password. Anyone who has a token can do that: keep it secret and revoke it when it is no longer needed.";

        public override string TokensLink => "API tokens";

        public override string TokensNameLabel => "What the token is for";

        public override string TokensCreate => "Create token";

        public override string TokensNameNeeded => "Give the token a name, so you can tell it apart later.";

        public override string TokensShownOnce => "Your new token is below. Copy it now: it is shown only this once and cannot be shown again.";

        public override string TokensNone => "You have no API tokens.";

        public override string TokensColumnName => "Name";

        public override string TokensColumnPrefix => "Begins with";

        public override string TokensColumnCreated => "Created";

        public override string TokensColumnLastUsed => "Last used";

        public override string TokensNeverUsed => "Never";

        public override string TokensRevoke => "Revoke";

        public override string TokensRevoked => "Revoked";
    }

    private sealed partial class Japanese
    {
        public override string TokensTitle => "API トークン";

        public override string TokensIntro => "トークンを使うと、プログラム (CRM やチケット管理ツールなど) がパスワードなしで、あなたとしてメールを送信し、その配信状況を API で確認できます。トークンを持っている人は誰でも同じことができるので、秘密にし、不要になったら失効させてください。";

        public override string TokensLink => "API トークン";

        public override string TokensNameLabel => "トークンの用途";

        public override string TokensCreate => "トークンを作成";

        public override string TokensNameNeeded => "後で見分けられるよう、トークンに名前を付けてください。";

        public override string TokensShownOnce => "新しいトークンは以下のとおりです。今すぐコピーしてください。表示されるのはこの一度だけで、再表示はできません。";

        public override string TokensNone => "API トークンはありません。";

        public override string TokensColumnName => "名前";

        public override string TokensColumnPrefix => "先頭";

        public override string TokensColumnCreated => "作成日時";

        public override string TokensColumnLastUsed => "最終使用";

        public override string TokensNeverUsed => "未使用";

        public override string TokensRevoke => "失効";

        public override string TokensRevoked => "失効済み";
    }
}
