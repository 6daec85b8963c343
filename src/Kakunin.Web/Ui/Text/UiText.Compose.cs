namespace Kakunin.Web.Ui.Text;

// Writing mail: the compose form, its checks, and the words put around quoted and forwarded text.
public abstract partial class UiText
{
    public abstract string NewMessageTitle { get; }

    /// <summary>The disclosure that shows the Bcc field (a details element: works without script).</summary>
    public abstract string AddBcc { get; }

    public abstract string AddressHint { get; }

    public abstract string BodyField { get; }

    public abstract string AttachFiles { get; }

    public abstract string AttachmentLimitHint(int megabytes);

    /// <summary>Files already in the draft or the forwarded message; each has a "keep" box.</summary>
    public abstract string AttachedFiles { get; }

    public abstract string KeepAttachment(string fileName);

    public abstract string ReceiptsLegend { get; }

    public abstract string RequestDeliveryReceipt { get; }

    public abstract string RequestDeliveryReceiptHint { get; }

    public abstract string RequestReadReceipt { get; }

    public abstract string RequestReadReceiptHint { get; }

    public abstract string Send { get; }

    public abstract string SaveDraft { get; }

    public abstract string FixTheMarkedFields { get; }

    public abstract string NotAnAddress(string pieces);

    public abstract string NeedARecipient { get; }

    /// <summary>The message was not sent because the server's disk is full (docs/storage.md); the form is kept.</summary>
    public abstract string NotSentStorageFull { get; }

    public abstract string AttachmentsTooLarge(string total, int limitMegabytes);

    public abstract string SelectAttachmentsAgain { get; }

    public abstract string OriginalNotFound { get; }

    /// <summary>The line above quoted text; {0} is the date, {1} the sender (a composite format string).</summary>
    public abstract string QuoteWroteLine { get; }

    public abstract string ForwardBanner { get; }

    private sealed partial class English
    {
        public override string NewMessageTitle => "New message";

        public override string AddBcc => "Add Bcc";

        public override string AddressHint => "Separate addresses with commas.";

        public override string BodyField => "Message";

        public override string AttachFiles => "Attach files";

        public override string AttachmentLimitHint(int megabytes) => $"Up to {megabytes} MB in total.";

        public override string AttachedFiles => "Attached";

        public override string KeepAttachment(string fileName) => $"Keep {fileName}";

        public override string ReceiptsLegend => "Receipts";

        public override string RequestDeliveryReceipt => "Request a delivery receipt";

        public override string RequestDeliveryReceiptHint => "Each recipient's mail server reports when the message arrives.";

        public override string RequestReadReceipt => "Request a read receipt";

        public override string RequestReadReceiptHint => "Recipients are asked to confirm when they open it; they may decline.";

        public override string Send => "Send";

        public override string SaveDraft => "Save draft";

        public override string FixTheMarkedFields => "Correct the marked fields, then try again.";

        public override string NotAnAddress(string pieces) => $"Not an email address: {pieces}";

        public override string NeedARecipient => "Enter at least one recipient in To, Cc or Bcc.";

        public override string NotSentStorageFull =>
            "Not sent: the mail server is out of disk space and takes no new mail for now. Your message is still here; try again later, or tell your administrator.";

        public override string AttachmentsTooLarge(string total, int limitMegabytes) =>
            $"The attachments add up to {total}; the limit is {limitMegabytes} MB in total.";

        public override string SelectAttachmentsAgain => "Select the files to attach again: a browser does not keep chosen files when the form comes back.";

        public override string OriginalNotFound => "The message to reply to or forward no longer exists.";

        public override string QuoteWroteLine => "On {0}, {1} wrote:";

        public override string ForwardBanner => "---------- Forwarded message ----------";
    }

    private sealed partial class Japanese
    {
        public override string NewMessageTitle => "新規メッセージ";

        public override string AddBcc => "BCC を追加";

        public override string AddressHint => "複数のアドレスはカンマで区切ります。";

        public override string BodyField => "本文";

        public override string AttachFiles => "ファイルを添付";

        public override string AttachmentLimitHint(int megabytes) => $"合計 {megabytes} MB まで。";

        public override string AttachedFiles => "添付済み";

        public override string KeepAttachment(string fileName) => $"{fileName} を残す";

        public override string ReceiptsLegend => "確認通知";

        public override string RequestDeliveryReceipt => "配信確認を要求する";

        public override string RequestDeliveryReceiptHint => "受信者のメールサーバーが、届いたことを知らせます。";

        public override string RequestReadReceipt => "開封確認を要求する";

        public override string RequestReadReceiptHint => "受信者に開封の確認を求めます。受信者は断ることもできます。";

        public override string Send => "送信";

        public override string SaveDraft => "下書き保存";

        public override string FixTheMarkedFields => "印の付いた項目を修正してから、もう一度お試しください。";

        public override string NotAnAddress(string pieces) => $"メールアドレスではありません: {pieces}";

        public override string NeedARecipient => "宛先・CC・BCC のいずれかに 1 件以上のアドレスを入力してください。";

        public override string NotSentStorageFull =>
            "送信されませんでした。メールサーバーのディスク容量が不足しているため、現在は新しいメールを受け付けていません。メッセージはこのまま残っています。しばらくしてからもう一度お試しいただくか、管理者に連絡してください。";

        public override string AttachmentsTooLarge(string total, int limitMegabytes) =>
            $"添付ファイルが合計 {total} あります。上限は合計 {limitMegabytes} MB です。";

        public override string SelectAttachmentsAgain => "添付するファイルをもう一度選択してください。フォームが戻るとき、ブラウザーは選択したファイルを保持しません。";

        public override string OriginalNotFound => "返信または転送するメッセージはもうありません。";

        public override string QuoteWroteLine => "{0}、{1} さんのメッセージ:";

        public override string ForwardBanner => "---------- 転送メッセージ ----------";
    }
}
