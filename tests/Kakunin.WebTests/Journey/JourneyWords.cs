namespace Kakunin.WebTests.Journey;

/// <summary>
/// The words a person reads on the way, in one language: written out here as the pages must show them (not taken from
/// the product's catalogue), so a wrong or missing translation fails the journey.
/// </summary>
public sealed record JourneyWords
{
    public required string ToLabel { get; init; }

    public required string SubjectLabel { get; init; }

    public required string BodyLabel { get; init; }

    public required string RequestDeliveryReceipt { get; init; }

    public required string RequestReadReceipt { get; init; }

    public required string SendButton { get; init; }

    public required string SentNotice { get; init; }

    public required string BannerQuestion { get; init; }

    public required string SendReceipt { get; init; }

    public required string DontSend { get; init; }

    public required string ReceiptSent { get; init; }

    public required string AlreadyAnswered { get; init; }

    public required string SentBySetting { get; init; }

    public required string TrackingTitle { get; init; }

    public required string TrackingCaption { get; init; }

    public required string Delivered { get; init; }

    public required string Failed { get; init; }

    public required string Read { get; init; }

    public required string DeletedUnread { get; init; }

    public required string NoReceiptYet { get; init; }

    /// <summary>The Sent list's line for one delivered and read recipient and one failed: "Delivered 1/2 · Read 1/2 · 1 failed".</summary>
    public required string SummaryDeliveredReadFailed { get; init; }

    public required string UnknownUserReason { get; init; }

    public required string StatusUnknownUser { get; init; }

    /// <summary>The registry's meaning of 5.1.1 in this language (a part of it).</summary>
    public required string StatusUnknownUserMeaning { get; init; }

    public required string ServerSaid { get; init; }

    public required string DeliveryReportLink { get; init; }

    public required string ReadReceiptLink { get; init; }

    public required string FailedTab { get; init; }

    public required string ReadTab { get; init; }

    public required string SettingsTitle { get; init; }

    public required IReadOnlyList<string> SettingsQuestions { get; init; }

    public required string Always { get; init; }

    public required string Never { get; init; }

    public required string Ask { get; init; }

    public required string SettingsDeletedUnread { get; init; }

    public required string SettingsSave { get; init; }

    public required string SettingsSaved { get; init; }

    public static JourneyWords English { get; } = new()
    {
        ToLabel = "To",
        SubjectLabel = "Subject",
        BodyLabel = "Message",
        RequestDeliveryReceipt = "Request a delivery receipt",
        RequestReadReceipt = "Request a read receipt",
        SendButton = "Send",
        SentNotice = "Sent.",
        BannerQuestion = "The sender asked to be notified when you read this message.",
        SendReceipt = "Send a receipt",
        DontSend = "Don't send",
        ReceiptSent = "Read receipt sent.",
        AlreadyAnswered = "This request was already answered.",
        SentBySetting = "A read receipt was sent (your setting).",
        TrackingTitle = "Tracking",
        TrackingCaption = "Delivery and reading, recipient by recipient",
        Delivered = "Delivered",
        Failed = "Failed",
        Read = "Read",
        DeletedUnread = "Deleted without being read",
        NoReceiptYet = "No receipt yet",
        SummaryDeliveredReadFailed = "Delivered 1/2 · Read 1/2 · 1 failed",
        UnknownUserReason = "The address does not exist at the recipient's mail server. Check the spelling.",
        StatusUnknownUser = "Status 5.1.1",
        StatusUnknownUserMeaning = "The destination mailbox does not exist",
        ServerSaid = "The receiving server said",
        DeliveryReportLink = "Delivery report",
        ReadReceiptLink = "Read receipt",
        FailedTab = "Failed",
        ReadTab = "Read",
        SettingsTitle = "Settings",
        SettingsQuestions = ["I'm not in To or Cc", "The requester is outside my domain", "All other cases"],
        Always = "Always send",
        Never = "Never send",
        Ask = "Ask me",
        SettingsDeletedUnread = "Send “deleted without being read” notifications",
        SettingsSave = "Save",
        SettingsSaved = "Settings saved.",
    };

    public static JourneyWords Japanese { get; } = new()
    {
        ToLabel = "宛先",
        SubjectLabel = "件名",
        BodyLabel = "本文",
        RequestDeliveryReceipt = "配信確認を要求する",
        RequestReadReceipt = "開封確認を要求する",
        SendButton = "送信",
        SentNotice = "送信しました。",
        BannerQuestion = "送信者は、あなたがこのメッセージを読んだときに通知を受け取ることを求めています。",
        SendReceipt = "開封確認を送信",
        DontSend = "送信しない",
        ReceiptSent = "開封確認を送信しました。",
        AlreadyAnswered = "この要求にはすでに回答済みです。",
        SentBySetting = "開封確認を送信しました（あなたの設定による）。",
        TrackingTitle = "追跡",
        TrackingCaption = "宛先ごとの配信と開封の状況",
        Delivered = "配信済み",
        Failed = "失敗",
        Read = "開封済み",
        DeletedUnread = "未開封のまま削除",
        NoReceiptYet = "開封確認はまだありません",
        SummaryDeliveredReadFailed = "配信 1/2 · 開封 1/2 · 失敗 1",
        UnknownUserReason = "宛先のメールサーバーにこのアドレスは存在しません。綴りを確認してください。",
        StatusUnknownUser = "ステータス 5.1.1",
        StatusUnknownUserMeaning = "宛先のメールボックスが存在しません",
        ServerSaid = "受信側サーバーの応答",
        DeliveryReportLink = "配信通知",
        ReadReceiptLink = "開封確認",
        FailedTab = "失敗",
        ReadTab = "開封済み",
        SettingsTitle = "設定",
        SettingsQuestions = ["自分が宛先（To）にも CC にも含まれていない場合", "要求者が自分のドメインの外にいる場合", "その他のすべての場合"],
        Always = "常に送信する",
        Never = "送信しない",
        Ask = "毎回確認する",
        SettingsDeletedUnread = "「未開封のまま削除」の通知を送信する",
        SettingsSave = "保存",
        SettingsSaved = "設定を保存しました。",
    };
}
