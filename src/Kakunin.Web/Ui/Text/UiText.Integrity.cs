namespace Kakunin.Web.Ui.Text;

// A damaged store (docs/storage.md): a message whose stored bytes fail their checksum, and mail refused for a store that
// failed its integrity check.
public abstract partial class UiText
{
    public abstract string DamagedMessageTitle { get; }

    public abstract string DamagedMessageExplanation { get; }

    public abstract string StoreRefusesMail { get; }

    private sealed partial class English
    {
        public override string DamagedMessageTitle => "This message is damaged";

        public override string DamagedMessageExplanation =>
            "Its stored copy no longer matches the checksum recorded when it was stored, so parts of it may be missing or wrong. " +
            "It is shown as it is stored now, not repaired. Ask your administrator to restore it from a backup.";

        public override string StoreRefusesMail =>
            "The mail store failed its integrity check, so no mail can be sent for now. Nothing was sent and your message is still here. Please tell your administrator.";
    }

    private sealed partial class Japanese
    {
        public override string DamagedMessageTitle => "このメッセージは破損しています";

        public override string DamagedMessageExplanation =>
            "保存されているデータが、保存時に記録したチェックサムと一致しません。内容の一部が欠けているか、誤っているおそれがあります。" +
            "修復はせず、現在保存されているとおりに表示しています。バックアップからの復元を管理者に依頼してください。";

        public override string StoreRefusesMail =>
            "メールストアの整合性チェックで破損が見つかったため、現在メールを送信できません。送信はされておらず、メッセージはこのまま残っています。管理者に連絡してください。";
    }
}
