using System.Globalization;
using System.Text;

namespace Kakunin.Reports.Mdn;

/// <summary>
/// The human-readable part and Subject of an MDN in English or Japanese (RFC 6522: the first
/// part explains the report to a person; RFC 8098 §3 b).
/// </summary>
internal static class MdnText
{
    public static bool IsJapanese(string? language) =>
        language is not null && language.StartsWith("ja", StringComparison.OrdinalIgnoreCase);

    public static string SubjectPrefix(DispositionType type, bool ja) => (type, ja) switch
    {
        (DispositionType.Displayed, false) => "Read: ",
        (DispositionType.Displayed, true) => "開封済み: ",
        (DispositionType.Deleted, false) => "Deleted: ",
        (DispositionType.Deleted, true) => "削除済み: ",
        (DispositionType.Dispatched, false) => "Dispatched: ",
        (DispositionType.Dispatched, true) => "転送済み: ",
        (_, false) => "Processed: ",
        (_, true) => "処理済み: ",
    };

    public static string Body(
        DispositionNotification notification,
        string? subject,
        DateTimeOffset? originalDate,
        string reader,
        DateTimeOffset when,
        bool ja)
    {
        var sb = new StringBuilder();
        var type = notification.Disposition.Type;
        var subjectText = string.IsNullOrEmpty(subject) ? (ja ? "(件名なし)" : "(no subject)") : subject;
        if (ja)
        {
            sb.Append(reader).Append(" 宛て");
            if (originalDate is { } sent)
            {
                sb.Append("に ").Append(FormatJa(sent)).Append(" に送信された");
            }

            sb.Append("メッセージ「").Append(subjectText).Append("」は、").Append(FormatJa(when)).Append(" に")
                .Append(type switch
                {
                    DispositionType.Deleted => "削除されました。",
                    DispositionType.Dispatched => "転送、印刷などで他へ送られました。",
                    DispositionType.Processed => "表示されずに処理されました。",
                    _ => "表示されました。",
                })
                .Append("\r\n\r\n")
                .Append(type switch
                {
                    DispositionType.Displayed => "これは、メッセージが読まれたことや内容が理解されたことを保証するものではありません。",
                    _ => "受信者がメッセージを読んだかどうかはわかりません。",
                });
        }
        else
        {
            sb.Append("The message sent to ").Append(reader);
            if (originalDate is { } sent)
            {
                sb.Append(" on ").Append(FormatEn(sent));
            }

            sb.Append(" with subject \"").Append(subjectText).Append("\" was ")
                .Append(type switch
                {
                    DispositionType.Deleted => "deleted",
                    DispositionType.Dispatched => "dispatched (printed, faxed or forwarded)",
                    DispositionType.Processed => "processed without being displayed",
                    _ => "displayed",
                })
                .Append(" on ").Append(FormatEn(when)).Append(".\r\n\r\n")
                .Append(type switch
                {
                    DispositionType.Displayed => "This is no guarantee that the message has been read or understood.",
                    _ => "The recipient may or may not have seen the message.",
                });
        }

        sb.Append("\r\n");
        if (notification.Disposition.HasError)
        {
            sb.Append("\r\n").Append(ja ? "エラーが発生しました:" : "An error occurred:").Append("\r\n");
            foreach (var error in notification.Errors)
            {
                sb.Append("  ").Append(error).Append("\r\n");
            }
        }

        return sb.ToString();
    }

    private static string FormatEn(DateTimeOffset date) =>
        date.ToString("ddd, d MMM yyyy HH:mm zzz", CultureInfo.InvariantCulture);

    private static string FormatJa(DateTimeOffset date) =>
        date.ToString("yyyy年M月d日 H:mm (UTCzzz)", CultureInfo.InvariantCulture);
}
