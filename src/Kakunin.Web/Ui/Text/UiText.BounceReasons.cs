using Kakunin.Reports.Analysis;

namespace Kakunin.Web.Ui.Text;

// Why a message was not delivered, in plain words for the sender (the reasons taxonomy of
// docs/bounce-reasons.md). Shown above the status code's meaning and the remote server's own words.
public abstract partial class UiText
{
    /// <summary>A bounce reason as a sentence; every value of <see cref="BounceReason"/> has one (a test checks).</summary>
    public abstract string TrackBounceReason(BounceReason reason);

    private sealed partial class English
    {
        public override string TrackBounceReason(BounceReason reason) => reason switch
        {
            BounceReason.Delivered => "The message was delivered.",
            BounceReason.Feedback => "This is a complaint or feedback report, not a delivery failure.",
            BounceReason.Vacation => "This is an automatic reply, such as an out-of-office message.",
            BounceReason.UserUnknown => "The address does not exist at the recipient's mail server. Check the spelling.",
            BounceReason.HostUnknown => "The recipient's domain does not exist or cannot receive mail.",
            BounceReason.HasMoved => "The recipient has moved and left no forwarding address.",
            BounceReason.MailboxFull => "The recipient's mailbox is full.",
            BounceReason.ExceedLimit => "The message is larger than the recipient's mailbox accepts.",
            BounceReason.MesgTooBig => "The message is larger than the receiving server accepts.",
            BounceReason.Suspend => "The recipient's mailbox is disabled or suspended.",
            BounceReason.Filtered => "A filter on the recipient's side refused the message.",
            BounceReason.Rejected => "The receiving server refused the sender's address.",
            BounceReason.Blocked => "The receiving server refuses mail from this server (for example a blocklist).",
            BounceReason.SpamDetected => "The receiving server judged the message to be spam.",
            BounceReason.VirusDetected => "The receiving server found a virus or malware in the message.",
            BounceReason.PolicyViolation => "The receiving organisation's policy refused the message.",
            BounceReason.SecurityError => "The receiving server requires security this delivery did not meet (authentication or encryption).",
            BounceReason.AuthFailure => "The sender could not be verified (SPF, DKIM or DMARC failed).",
            BounceReason.RequirePtr => "The receiving server requires a reverse DNS name for this server.",
            BounceReason.BadReputation => "The receiving server distrusts this server or domain (reputation).",
            BounceReason.NoRelaying => "The receiving server does not pass mail on to this address.",
            BounceReason.NotAccept => "The recipient's domain accepts no mail at all.",
            BounceReason.NotCompliantRfc => "The message was refused for not following the mail format standard.",
            BounceReason.ContentError => "The message's content was refused as malformed.",
            BounceReason.SyntaxError => "The receiving server did not understand a command or an address.",
            BounceReason.TooManyConn => "The receiving server was busy: too many connections or recipients at once.",
            BounceReason.Speeding => "The receiving server limits how fast it accepts mail from this server.",
            BounceReason.Expired => "Delivery kept failing for a while and the time for retrying ran out.",
            BounceReason.NetworkError => "The recipient's server could not be reached (a network or DNS problem).",
            BounceReason.SystemError => "The receiving mail system had a fault.",
            BounceReason.SystemFull => "The receiving mail system is out of storage.",
            BounceReason.MailerError => "A delivery program on the receiving side failed.",
            BounceReason.OnHold => "The receiving server refused the message without saying clearly why.",
            BounceReason.FailedStartTls => "An encrypted connection (STARTTLS) was required but could not be made.",
            _ => "The reason cannot be told from the report.",
        };
    }

    private sealed partial class Japanese
    {
        public override string TrackBounceReason(BounceReason reason) => reason switch
        {
            BounceReason.Delivered => "メッセージは配信されました。",
            BounceReason.Feedback => "これは苦情などのフィードバック報告で、配信の失敗ではありません。",
            BounceReason.Vacation => "これは不在通知などの自動返信です。",
            BounceReason.UserUnknown => "宛先のメールサーバーにこのアドレスは存在しません。綴りを確認してください。",
            BounceReason.HostUnknown => "宛先のドメインが存在しないか、メールを受信できません。",
            BounceReason.HasMoved => "宛先の人は移転しており、転送先のアドレスがありません。",
            BounceReason.MailboxFull => "宛先のメールボックスが満杯です。",
            BounceReason.ExceedLimit => "メッセージが、宛先のメールボックスが受け付けるサイズを超えています。",
            BounceReason.MesgTooBig => "メッセージが、受信側サーバーが受け付けるサイズを超えています。",
            BounceReason.Suspend => "宛先のメールボックスは無効化または停止されています。",
            BounceReason.Filtered => "宛先側のフィルターがメッセージを拒否しました。",
            BounceReason.Rejected => "受信側サーバーが送信者のアドレスを拒否しました。",
            BounceReason.Blocked => "受信側サーバーがこのサーバーからのメールを拒否しています（ブロックリストなど）。",
            BounceReason.SpamDetected => "受信側サーバーがメッセージを迷惑メールと判定しました。",
            BounceReason.VirusDetected => "受信側サーバーがメッセージ内にウイルスまたはマルウェアを検出しました。",
            BounceReason.PolicyViolation => "受信側組織のポリシーによりメッセージが拒否されました。",
            BounceReason.SecurityError => "受信側サーバーが求めるセキュリティ（認証または暗号化）を満たしていません。",
            BounceReason.AuthFailure => "送信者を認証できませんでした（SPF、DKIM、DMARC の失敗）。",
            BounceReason.RequirePtr => "受信側サーバーが、このサーバーの逆引き DNS 名を求めています。",
            BounceReason.BadReputation => "受信側サーバーが、このサーバーまたはドメインの評判を理由に受信を拒んでいます。",
            BounceReason.NoRelaying => "受信側サーバーはこのアドレスへの中継を許可していません。",
            BounceReason.NotAccept => "宛先のドメインはメールを一切受け付けていません。",
            BounceReason.NotCompliantRfc => "メッセージがメール形式の標準に従っていないとして拒否されました。",
            BounceReason.ContentError => "メッセージの内容が不正な形式として拒否されました。",
            BounceReason.SyntaxError => "受信側サーバーがコマンドまたはアドレスを解釈できませんでした。",
            BounceReason.TooManyConn => "受信側サーバーが混雑していました（同時の接続や宛先が多すぎます）。",
            BounceReason.Speeding => "受信側サーバーが、このサーバーからの受信の速さを制限しています。",
            BounceReason.Expired => "配信の失敗が続き、再試行の期限が切れました。",
            BounceReason.NetworkError => "宛先のサーバーに接続できませんでした（ネットワークまたは DNS の問題）。",
            BounceReason.SystemError => "受信側のメールシステムに障害が発生しました。",
            BounceReason.SystemFull => "受信側のメールシステムの容量が不足しています。",
            BounceReason.MailerError => "受信側の配信プログラムが失敗しました。",
            BounceReason.OnHold => "受信側サーバーは、理由をはっきり示さずにメッセージを拒否しました。",
            BounceReason.FailedStartTls => "暗号化接続（STARTTLS）が必要でしたが、確立できませんでした。",
            _ => "報告から理由を判断できません。",
        };
    }
}
