using Kakunin.Store.Settings;

namespace Kakunin.Web.Ui.Text;

// The settings page (/settings) and the organisation page (/settings/organisation).
public abstract partial class UiText
{
    public abstract string SettingsTitle { get; }

    public abstract string SettingsSaved { get; }

    public abstract string SettingsSave { get; }

    public abstract string SettingsLanguageLegend { get; }

    /// <summary>The language choice "follow the browser" (no saved language).</summary>
    public abstract string SettingsLanguageBrowser { get; }

    public abstract string SettingsSendingLegend { get; }

    public abstract string SettingsRequestDeliveryAll { get; }

    public abstract string SettingsRequestDeliveryAllHint { get; }

    public abstract string SettingsRequestReadAll { get; }

    public abstract string SettingsRequestReadAllHint { get; }

    public abstract string SettingsAnswerLegend { get; }

    public abstract string SettingsAnswerHint { get; }

    public abstract string SettingsNotInToOrCc { get; }

    public abstract string SettingsOutsideDomain { get; }

    public abstract string SettingsOtherCases { get; }

    /// <summary>A read-receipt choice (Store/Settings/ReceiptChoices: ask, always, never) in words.</summary>
    public abstract string SettingsChoice(string choice);

    public abstract string SettingsDeleteUnread { get; }

    public abstract string SettingsDeleteUnreadHint { get; }

    public abstract string SettingsProcessOnArrival { get; }

    public abstract string SettingsProcessOnArrivalHint { get; }

    public abstract string SettingsOrganisationLink { get; }

    public abstract string SettingsOrganisationTitle { get; }

    public abstract string SettingsOrganisationLead { get; }

    public abstract string SettingsOutsideLegend { get; }

    /// <summary>An organisation rule (Store/Settings/OutsideReceipts) in words.</summary>
    public abstract string SettingsOutsideRule(string rule);

    public abstract string SettingsDefaultsLegend { get; }

    public abstract string SettingsDefaultsHint { get; }

    private sealed partial class English
    {
        public override string SettingsTitle => "Settings";

        public override string SettingsSaved => "Settings saved.";

        public override string SettingsSave => "Save";

        public override string SettingsLanguageLegend => "Language";

        public override string SettingsLanguageBrowser => "Same as the browser";

        public override string SettingsSendingLegend => "Receipts for the mail you send";

        public override string SettingsRequestDeliveryAll => "Request a delivery receipt for all messages";

        public override string SettingsRequestDeliveryAllHint => "Receiving servers report when each message arrives (or why not).";

        public override string SettingsRequestReadAll => "Request a read receipt for all messages";

        public override string SettingsRequestReadAllHint => "Recipients are asked to confirm when they read the message; they may decline.";

        public override string SettingsAnswerLegend => "When a message asks for a read receipt";

        public override string SettingsAnswerHint => "When more than one case applies, the most careful choice wins.";

        public override string SettingsNotInToOrCc => "I'm not in To or Cc";

        public override string SettingsOutsideDomain => "The requester is outside my domain";

        public override string SettingsOtherCases => "All other cases";

        public override string SettingsChoice(string choice) => choice switch
        {
            ReceiptChoices.Always => "Always send",
            ReceiptChoices.Never => "Never send",
            _ => "Ask me",
        };

        public override string SettingsDeleteUnread => "Send “deleted without being read” notifications";

        public override string SettingsDeleteUnreadHint => "When you delete a message unread that asked for a receipt, and your choices above allow it without asking.";

        public override string SettingsProcessOnArrival => "Process receipts on arrival";

        public override string SettingsProcessOnArrivalHint => "On: delivery and read reports are filed into Receipts and shown in Tracking. Off: they stay in the Inbox as ordinary mail.";

        public override string SettingsOrganisationLink => "Organisation settings";

        public override string SettingsOrganisationTitle => "Organisation settings";

        public override string SettingsOrganisationLead => "These rules apply to everyone in the organisation.";

        public override string SettingsOutsideLegend => "Read receipts to addresses outside the organisation";

        public override string SettingsOutsideRule(string rule) => rule switch
        {
            OutsideReceipts.AlwaysAsk => "Allowed, but always ask the reader",
            OutsideReceipts.Never => "Never outside the organisation",
            OutsideReceipts.Disabled => "No read receipts at all, inside or outside",
            _ => "Allowed: each person's settings decide",
        };

        public override string SettingsDefaultsLegend => "Defaults for new users";

        public override string SettingsDefaultsHint => "A person has these settings until they save their own.";
    }

    private sealed partial class Japanese
    {
        public override string SettingsTitle => "設定";

        public override string SettingsSaved => "設定を保存しました。";

        public override string SettingsSave => "保存";

        public override string SettingsLanguageLegend => "表示言語";

        public override string SettingsLanguageBrowser => "ブラウザーの設定に従う";

        public override string SettingsSendingLegend => "送信するメールの確認通知";

        public override string SettingsRequestDeliveryAll => "すべてのメッセージで配信確認を要求する";

        public override string SettingsRequestDeliveryAllHint => "受信側のサーバーが、各メッセージの到着（または届かなかった理由）を通知します。";

        public override string SettingsRequestReadAll => "すべてのメッセージで開封確認を要求する";

        public override string SettingsRequestReadAllHint => "受信者に開封時の確認を求めます。受信者は断ることもできます。";

        public override string SettingsAnswerLegend => "開封確認を求めるメッセージを受け取ったとき";

        public override string SettingsAnswerHint => "複数の場合に当てはまるときは、最も慎重な選択が優先されます。";

        public override string SettingsNotInToOrCc => "自分が宛先（To）にも CC にも含まれていない場合";

        public override string SettingsOutsideDomain => "要求者が自分のドメインの外にいる場合";

        public override string SettingsOtherCases => "その他のすべての場合";

        public override string SettingsChoice(string choice) => choice switch
        {
            ReceiptChoices.Always => "常に送信する",
            ReceiptChoices.Never => "送信しない",
            _ => "毎回確認する",
        };

        public override string SettingsDeleteUnread => "「未開封のまま削除」の通知を送信する";

        public override string SettingsDeleteUnreadHint => "確認を求めるメッセージを未開封のまま削除したとき、上の設定が確認なしの送信を許す場合に限ります。";

        public override string SettingsProcessOnArrival => "受信時に確認通知を処理する";

        public override string SettingsProcessOnArrivalHint => "オン：配信通知と開封確認は「確認通知」フォルダーに振り分けられ、追跡に表示されます。オフ：通常のメールとして受信トレイに残ります。";

        public override string SettingsOrganisationLink => "組織の設定";

        public override string SettingsOrganisationTitle => "組織の設定";

        public override string SettingsOrganisationLead => "これらのルールは組織の全員に適用されます。";

        public override string SettingsOutsideLegend => "組織外のアドレスへの開封確認";

        public override string SettingsOutsideRule(string rule) => rule switch
        {
            OutsideReceipts.AlwaysAsk => "許可する（ただし毎回受信者に確認する）",
            OutsideReceipts.Never => "組織外には送信しない",
            OutsideReceipts.Disabled => "組織の内外を問わず開封確認を使用しない",
            _ => "許可する（各自の設定に従う）",
        };

        public override string SettingsDefaultsLegend => "新しいユーザーの既定の設定";

        public override string SettingsDefaultsHint => "ユーザーが自分の設定を保存するまでは、この設定が使われます。";
    }
}
