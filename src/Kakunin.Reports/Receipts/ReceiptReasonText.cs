namespace Kakunin.Reports.Receipts;

/// <summary>Sentences a person can read for each <see cref="ReceiptReason"/>, in English and Japanese.</summary>
public static class ReceiptReasonText
{
    /// <summary>The text for <paramref name="reason"/> in <paramref name="language"/> ("ja…" gives Japanese, anything else English).</summary>
    public static string For(ReceiptReason reason, string language)
    {
        var ja = language is not null && language.StartsWith("ja", StringComparison.OrdinalIgnoreCase);
        var (en, jp) = Texts(reason);
        return ja ? jp : en;
    }

    private static (string En, string Ja) Texts(ReceiptReason reason) => reason switch
    {
        ReceiptReason.NoRequest => ("The sender did not ask for a read receipt.", "送信者は開封確認を求めていません。"),
        ReceiptReason.LegacyRequestOnly => ("The sender asked for a receipt with an old, non-standard header; Kakunin does not answer it.", "送信者は古い非標準のヘッダーで確認を求めています。Kakunin はこれに応答しません。"),
        ReceiptReason.AlreadyHandled => ("A read receipt for this message was already sent or declined.", "このメッセージの開封確認は、すでに送信済みか、送信しないことにしています。"),
        ReceiptReason.OwnMessageFolder => ("This is your own message (Sent or Drafts).", "これはご自身のメッセージ（送信済みまたは下書き）です。"),
        ReceiptReason.IsReport => ("This message is itself a delivery or read report.", "このメッセージ自体が配信通知または開封通知です。"),
        ReceiptReason.AutoSubmitted => ("This message was sent automatically.", "このメッセージは自動送信されたものです。"),
        ReceiptReason.ListMail => ("This message came from a mailing list or is bulk mail.", "このメッセージはメーリングリストまたは一斉配信のメールです。"),
        ReceiptReason.UnsupportedRequiredOption => ("The request has a required option Kakunin does not understand, so no correct receipt can be made.", "要求に Kakunin が解釈できない必須オプションが含まれているため、正しい開封確認を作成できません。"),
        ReceiptReason.DisabledByAdministrator => ("Your administrator has turned off read receipts.", "管理者によって開封確認は無効にされています。"),
        ReceiptReason.OutsideOrganisationForbidden => ("Your administrator does not allow read receipts outside your organisation.", "管理者により、組織外への開封確認は許可されていません。"),
        ReceiptReason.PolicyNever => ("Your settings say never to send a read receipt in this case.", "この場合は開封確認を送信しない設定になっています。"),
        ReceiptReason.PolicyAsk => ("Your settings say to ask each time.", "毎回確認する設定になっています。"),
        ReceiptReason.NotInToOrCc => ("You are not in the To or Cc of this message.", "あなたはこのメッセージの宛先（To）にも CC にも含まれていません。"),
        ReceiptReason.OutsideOrganisation => ("The receipt would go to an address outside your organisation.", "開封確認の送り先は組織外のアドレスです。"),
        ReceiptReason.ReturnPathMismatch => ("The receipt would go to a different address from the one that sent the message.", "開封確認の送り先が、メッセージの送信元アドレスと異なります。"),
        ReceiptReason.NoReturnPath => ("The message does not say which address sent it.", "このメッセージには送信元アドレス（Return-Path）がありません。"),
        ReceiptReason.SeveralNotificationAddresses => ("The receipt would go to several addresses.", "開封確認の送り先が複数あります。"),
        ReceiptReason.AdministratorRequiresAsking => ("Your administrator requires that you are asked each time.", "管理者の設定により、毎回確認が必要です。"),
        ReceiptReason.ConsentUnavailable => ("You would have to be asked, and that is not possible now.", "確認が必要ですが、現在は確認できません。"),
        ReceiptReason.DeleteNotificationsOff => ("Your settings do not send receipts for messages deleted unread.", "未開封のまま削除したメッセージには開封確認を送信しない設定です。"),
        _ => (reason.ToString(), reason.ToString()),
    };
}
