namespace Kakunin.Reports.Dsn;

/// <summary>The wording of the human-readable part and the Subject, one instance per language.</summary>
internal sealed record DsnStrings
{
    public required string Language { get; init; }
    public required Func<string, string> Intro { get; init; }
    public required string SubjectFailed { get; init; }
    public required string SubjectDelayed { get; init; }
    public required string SubjectRelayed { get; init; }
    public required string SubjectDelivered { get; init; }
    public required string HeadingFailed { get; init; }
    public required string HeadingDelayed { get; init; }
    public required string HeadingDelivered { get; init; }
    public required string HeadingRelayed { get; init; }
    public required string HeadingExpanded { get; init; }
    public required Func<string, string> OriginallyTo { get; init; }
    public required Func<string, string> StatusLine { get; init; }
    public required Func<string, string> RemoteSaid { get; init; }
    public required string LocalSaid { get; init; }
    public required Func<string, string> RetryUntil { get; init; }
    public required Func<string, string> LastAttempt { get; init; }
    public required Func<DateTimeOffset, string> FormatDate { get; init; }
    public required string OriginalHeadersAttached { get; init; }
    public required string OriginalAttached { get; init; }

    public static readonly DsnStrings English = new()
    {
        Language = "en",
        Intro = host => $"This is the mail system at {host}.",
        SubjectFailed = "Undelivered Mail Returned to Sender",
        SubjectDelayed = "Delayed Mail (still being retried)",
        SubjectRelayed = "Delivery Status Notification (Relayed)",
        SubjectDelivered = "Delivery Status Notification (Success)",
        HeadingFailed = "Your message could not be delivered to the following recipients.\r\nThis is a permanent error; no further attempts will be made.",
        HeadingDelayed = "Your message has not yet been delivered to the following recipients.\r\nThe mail system will keep trying until the time shown; you do not need to\r\nsend it again.",
        HeadingDelivered = "Your message was delivered to the following recipients.",
        HeadingRelayed = "Your message was passed on to the mail systems of the following recipients.\r\nThose systems do not send delivery notices, so no further notice will come\r\nfor these recipients.",
        HeadingExpanded = "Your message was delivered to the following addresses, which passed it on\r\nto further recipients (an alias or a mailing list).",
        OriginallyTo = original => $"(you addressed it to {original})",
        StatusLine = status => $"Status: {status}",
        RemoteSaid = mta => $"The server {mta} said:",
        LocalSaid = "The mail system said:",
        RetryUntil = date => $"Will keep trying until: {date}",
        LastAttempt = date => $"Last attempt: {date}",
        FormatDate = Rfc5322Date.Format,
        OriginalHeadersAttached = "The headers of your message are attached.",
        OriginalAttached = "Your message is attached.",
    };

    public static readonly DsnStrings Japanese = new()
    {
        Language = "ja",
        Intro = host => $"このメールは {host} のメールシステムが自動的にお送りしています。",
        SubjectFailed = "配送不能のお知らせ",
        SubjectDelayed = "配送遅延のお知らせ（再送を続けています）",
        SubjectRelayed = "中継完了のお知らせ",
        SubjectDelivered = "配送完了のお知らせ",
        HeadingFailed = "次の宛先へのメッセージは配送できませんでした。\r\n恒久的なエラーのため、これ以上の再送は行いません。",
        HeadingDelayed = "次の宛先へのメッセージは、まだ配送できていません。\r\n下記の期限まで再送を続けますので、送り直す必要はありません。",
        HeadingDelivered = "次の宛先へのメッセージは配送されました。",
        HeadingRelayed = "次の宛先へのメッセージは、相手先のメールシステムへ中継しました。\r\n相手先は配送通知に対応していないため、これらの宛先についての通知はこれ以上届きません。",
        HeadingExpanded = "次の宛先へのメッセージは配送され、さらに転送先（エイリアスまたはメーリングリスト）へ送られました。",
        OriginallyTo = original => $"（送信時の宛先: {original}）",
        StatusLine = status => $"状態コード: {status}",
        RemoteSaid = mta => $"相手先サーバー {mta} の応答:",
        LocalSaid = "メールシステムからのメッセージ:",
        RetryUntil = date => $"再送期限: {date}",
        LastAttempt = date => $"最終試行: {date}",
        FormatDate = date => date.ToString("yyyy年M月d日 HH:mm:ss (zzz)", System.Globalization.CultureInfo.InvariantCulture),
        OriginalHeadersAttached = "送信されたメッセージのヘッダーを添付します。",
        OriginalAttached = "送信されたメッセージを添付します。",
    };

    /// <summary>Every language the composer writes.</summary>
    public static IReadOnlyList<DsnStrings> All { get; } = [English, Japanese];

    public static DsnStrings For(string? language) =>
        language is not null && language.StartsWith("ja", StringComparison.OrdinalIgnoreCase) ? Japanese : English;
}
