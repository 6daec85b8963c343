using Kakunin.Reports.Receipts;

namespace Kakunin.Web.Ui.Text;

// Answering a read-receipt request (RFC 8098): the banner, its reasons, the notes, the /receipts/{id} page.
public abstract partial class UiText
{
    public abstract string ReceiptQuestion { get; }

    public abstract string ReceiptSend { get; }

    public abstract string ReceiptDontSend { get; }

    public abstract string ReceiptAskedBecause { get; }

    /// <summary>
    /// Why the reader is asked, or why nothing is sent, for every <see cref="ReceiptReason"/> of the reports library
    /// (a test checks each one has its own words in both languages).
    /// </summary>
    public abstract string ReceiptWhy(ReceiptReason reason);

    /// <summary>The note after the reader's settings sent a receipt as the message opened.</summary>
    public abstract string ReceiptSentBySetting { get; }

    public abstract string ReceiptSentNow { get; }

    public abstract string ReceiptDeclinedNow { get; }

    public abstract string ReceiptAlreadyAnswered { get; }

    public abstract string ReceiptCouldNotSend { get; }

    public abstract string ReceiptNoReceipt { get; }

    public abstract string ReceiptPageTitle(string subject);

    public abstract string ReceiptGoesTo { get; }

    public abstract string ReceiptOpenMessage { get; }

    private sealed partial class English
    {
        public override string ReceiptQuestion => "The sender asked to be notified when you read this message.";

        public override string ReceiptSend => "Send a receipt";

        public override string ReceiptDontSend => "Don't send";

        public override string ReceiptAskedBecause => "You are asked because:";

        public override string ReceiptWhy(ReceiptReason reason) => reason switch
        {
            ReceiptReason.NoRequest => "the sender did not ask for a read receipt",
            ReceiptReason.LegacyRequestOnly => "the sender asked with an old, non-standard header, which is not answered",
            ReceiptReason.AlreadyHandled => "you already answered this request",
            ReceiptReason.OwnMessageFolder => "this is your own message (Sent or Drafts)",
            ReceiptReason.IsReport => "this message is itself a delivery or read report",
            ReceiptReason.AutoSubmitted => "this message was sent automatically",
            ReceiptReason.ListMail => "this message came from a mailing list or is bulk mail",
            ReceiptReason.UnsupportedRequiredOption => "the request requires an option Kakunin does not support",
            ReceiptReason.DisabledByAdministrator => "your administrator has turned read receipts off",
            ReceiptReason.OutsideOrganisationForbidden => "your administrator does not allow read receipts outside the organisation",
            ReceiptReason.PolicyNever => "your settings say never to send one in this case",
            ReceiptReason.PolicyAsk => "your settings say to ask you",
            ReceiptReason.NotInToOrCc => "you are not in To or Cc",
            ReceiptReason.OutsideOrganisation => "the requester is outside your organisation",
            ReceiptReason.ReturnPathMismatch => "the notification address differs from the return path",
            ReceiptReason.NoReturnPath => "the message has no return path to compare the notification address with",
            ReceiptReason.SeveralNotificationAddresses => "the receipt would go to several addresses",
            ReceiptReason.AdministratorRequiresAsking => "your administrator requires asking you every time",
            ReceiptReason.ConsentUnavailable => "you could not be asked",
            ReceiptReason.DeleteNotificationsOff => "your settings send no receipts for messages deleted unread",
            _ => "of a rule this version cannot name",
        };

        public override string ReceiptSentBySetting => "A read receipt was sent (your setting).";

        public override string ReceiptSentNow => "Read receipt sent.";

        public override string ReceiptDeclinedNow => "No read receipt will be sent for this message.";

        public override string ReceiptAlreadyAnswered => "This request was already answered.";

        public override string ReceiptCouldNotSend => "No read receipt can be sent for this message.";

        public override string ReceiptNoReceipt => "No read receipt will be sent:";

        public override string ReceiptPageTitle(string subject) => $"Read receipt for “{subject}”";

        public override string ReceiptGoesTo => "The receipt would go to";

        public override string ReceiptOpenMessage => "Open the message";
    }

    private sealed partial class Japanese
    {
        public override string ReceiptQuestion => "送信者は、あなたがこのメッセージを読んだときに通知を受け取ることを求めています。";

        public override string ReceiptSend => "開封確認を送信";

        public override string ReceiptDontSend => "送信しない";

        public override string ReceiptAskedBecause => "確認している理由:";

        public override string ReceiptWhy(ReceiptReason reason) => reason switch
        {
            ReceiptReason.NoRequest => "送信者は開封確認を求めていません",
            ReceiptReason.LegacyRequestOnly => "送信者は古い非標準のヘッダーで求めており、応答しません",
            ReceiptReason.AlreadyHandled => "この要求にはすでに回答済みです",
            ReceiptReason.OwnMessageFolder => "あなた自身のメッセージです（送信済みまたは下書き）",
            ReceiptReason.IsReport => "このメッセージ自体が配信通知または開封確認です",
            ReceiptReason.AutoSubmitted => "このメッセージは自動送信されたものです",
            ReceiptReason.ListMail => "メーリングリストまたは一斉配信のメッセージです",
            ReceiptReason.UnsupportedRequiredOption => "要求に Kakunin が対応していない必須オプションがあります",
            ReceiptReason.DisabledByAdministrator => "管理者が開封確認を無効にしています",
            ReceiptReason.OutsideOrganisationForbidden => "管理者は組織外への開封確認を許可していません",
            ReceiptReason.PolicyNever => "この場合は送信しない設定です",
            ReceiptReason.PolicyAsk => "毎回確認する設定です",
            ReceiptReason.NotInToOrCc => "あなたは宛先（To）にも CC にも含まれていません",
            ReceiptReason.OutsideOrganisation => "要求者は組織外の人です",
            ReceiptReason.ReturnPathMismatch => "通知先のアドレスが返送先（Return-Path）と異なります",
            ReceiptReason.NoReturnPath => "通知先と照合する返送先（Return-Path）がありません",
            ReceiptReason.SeveralNotificationAddresses => "開封確認の送り先が複数あります",
            ReceiptReason.AdministratorRequiresAsking => "管理者の設定により、毎回確認が必要です",
            ReceiptReason.ConsentUnavailable => "確認を取ることができませんでした",
            ReceiptReason.DeleteNotificationsOff => "未開封のまま削除したメッセージには送信しない設定です",
            _ => "このバージョンでは説明できない規則によります",
        };

        public override string ReceiptSentBySetting => "開封確認を送信しました（あなたの設定による）。";

        public override string ReceiptSentNow => "開封確認を送信しました。";

        public override string ReceiptDeclinedNow => "このメッセージの開封確認は送信しません。";

        public override string ReceiptAlreadyAnswered => "この要求にはすでに回答済みです。";

        public override string ReceiptCouldNotSend => "このメッセージには開封確認を送信できません。";

        public override string ReceiptNoReceipt => "開封確認は送信されません:";

        public override string ReceiptPageTitle(string subject) => $"「{subject}」の開封確認";

        public override string ReceiptGoesTo => "開封確認の送り先";

        public override string ReceiptOpenMessage => "メッセージを開く";
    }
}
