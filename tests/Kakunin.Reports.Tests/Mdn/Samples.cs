using System.Text;
using MimeKit;

namespace Kakunin.Reports.Tests.Mdn;

/// <summary>Original messages and MIME helpers shared by the MDN and receipt tests.</summary>
internal static class Samples
{
    public static readonly DateTimeOffset MdnDate = new(2026, 11, 29, 18, 30, 0, TimeSpan.FromHours(9));

    public const string OriginalEn =
        "Return-Path: <alice@example.org>\r\n" +
        "Original-Recipient: rfc822;bob@example.com\r\n" +
        "From: Alice Sender <alice@example.org>\r\n" +
        "To: Bob Reader <bob@example.com>\r\n" +
        "Subject: Quarterly report\r\n" +
        "Date: Wed, 25 Nov 2026 10:00:00 +0900\r\n" +
        "Message-ID: <q4-report@example.org>\r\n" +
        "References: <thread-start@example.org>\r\n" +
        "Disposition-Notification-To: Alice Sender <alice@example.org>\r\n" +
        "MIME-Version: 1.0\r\n" +
        "Content-Type: text/plain; charset=us-ascii\r\n" +
        "\r\n" +
        "Hello Bob.\r\n";

    public const string OriginalJa =
        "Return-Path: <tanaka@example.co.jp>\r\n" +
        "From: =?utf-8?b?55Sw5Lit5aSq6YOO?= <tanaka@example.co.jp>\r\n" +
        "To: =?utf-8?b?6Yi05pyo6Iqx5a2Q?= <suzuki@example.jp>\r\n" +
        "Subject: =?utf-8?b?5Zub5Y2K5pyf5aCx5ZGK?=\r\n" +
        "Date: Wed, 25 Nov 2026 10:00:00 +0900\r\n" +
        "Message-ID: <shihanki@example.co.jp>\r\n" +
        "Disposition-Notification-To: tanaka@example.co.jp\r\n" +
        "MIME-Version: 1.0\r\n" +
        "Content-Type: text/plain; charset=utf-8\r\n" +
        "\r\n" +
        "Hello.\r\n";

    public static MimeMessage Load(string text) =>
        MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(text)));

    public static MimeMessage Load(byte[] bytes) => MimeMessage.Load(new MemoryStream(bytes));

    public static string Write(MimeMessage message)
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        using var stream = new MemoryStream();
        message.WriteTo(format, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static MimeMessage RoundTrip(MimeMessage message) => Load(Write(message));
}
