using System.Text;
using Kakunin.Protocol;
using Kakunin.Reports.Dsn;
using MimeKit;

namespace Kakunin.Reports.Tests.Dsn;

/// <summary>Requests and originals shared by the DSN composer tests.</summary>
internal static class DsnSamples
{
    public static readonly DateTimeOffset Date = new(2026, 11, 29, 9, 30, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Arrival = new(2026, 11, 29, 18, 0, 5, TimeSpan.FromHours(9));
    public static readonly MtaName Reporting = MtaName.Dns("mx1.kakunin.example");

    /// <summary>A stored original with a folded Subject and a folded Received line, CRLF line ends.</summary>
    public static byte[] OriginalBytes(string? extraHeaders = null) => Encoding.UTF8.GetBytes(
        "Received: from client.example.net (client.example.net [192.0.2.10])\r\n" +
        "\tby mx1.kakunin.example with ESMTPSA id 4AbCdE\r\n" +
        "\tfor <bob@example.org>; Sun, 29 Nov 2026 18:00:05 +0900\r\n" +
        "From: Alice <alice@kakunin.example>\r\n" +
        "To: Bob <bob@example.org>\r\n" +
        "Subject: The contract, signed\r\n" +
        "  and dated\r\n" +
        "Date: Sun, 29 Nov 2026 18:00:00 +0900\r\n" +
        "Message-ID: <contract-42@kakunin.example>\r\n" +
        "References: <thread-1@kakunin.example>\r\n" +
        (extraHeaders ?? string.Empty) +
        "MIME-Version: 1.0\r\n" +
        "Content-Type: text/plain; charset=us-ascii\r\n" +
        "\r\n" +
        "Bob, the contract is attached in spirit.\r\n");

    public static DsnComposeRequest Request(DeliveryStatusReport report, string language = "en", DsnReturn ret = DsnReturn.Headers, byte[]? original = null) => new()
    {
        Report = report,
        ReportingMailbox = new MailboxAddress("Mail Delivery System", "MAILER-DAEMON@mx1.kakunin.example"),
        OriginalEnvelopeSender = "alice@kakunin.example",
        Date = Date,
        MessageId = "dsn-1@mx1.kakunin.example",
        Language = language,
        Return = ret,
        OriginalBytes = original ?? OriginalBytes(),
    };

    public static DsnRecipient Failed(string address = "bob@example.org") => new()
    {
        FinalRecipient = new TypedAddress("rfc822", address),
        OriginalRecipient = new TypedAddress("rfc822", address),
        Action = DsnAction.Failed,
        Status = new EnhancedStatusCode(5, 1, 1),
        RemoteMta = MtaName.Dns("mx.example.org"),
        DiagnosticCode = DiagnosticCode.Smtp($"550 5.1.1 <{address}>: Recipient address rejected: User unknown in virtual mailbox table"),
        LastAttemptDate = new DateTimeOffset(2026, 11, 29, 18, 0, 7, TimeSpan.FromHours(9)),
    };

    public static DsnRecipient Delayed(string address = "carol@example.net") => new()
    {
        FinalRecipient = new TypedAddress("rfc822", address),
        Action = DsnAction.Delayed,
        Status = new EnhancedStatusCode(4, 4, 1),
        RemoteMta = MtaName.Dns("mx.example.net"),
        DiagnosticCode = DiagnosticCode.Smtp("421 4.4.1 mx.example.net: Connection timed out"),
        LastAttemptDate = new DateTimeOffset(2026, 11, 29, 22, 0, 0, TimeSpan.FromHours(9)),
        WillRetryUntil = new DateTimeOffset(2026, 12, 4, 18, 0, 5, TimeSpan.FromHours(9)),
    };

    public static DsnRecipient Delivered(string address = "dave@kakunin.example") => new()
    {
        FinalRecipient = new TypedAddress("rfc822", address),
        OriginalRecipient = new TypedAddress("rfc822", "Dave+Sales@kakunin.example"),
        Action = DsnAction.Delivered,
        Status = new EnhancedStatusCode(2, 0, 0),
        FinalLogId = "4AbCdE",
    };

    public static DsnRecipient Relayed(string address = "erin@legacy.example") => new()
    {
        FinalRecipient = new TypedAddress("rfc822", address),
        Action = DsnAction.Relayed,
        Status = new EnhancedStatusCode(2, 0, 0),
        RemoteMta = MtaName.Dns("mail.legacy.example"),
        DiagnosticCode = DiagnosticCode.Smtp("250 2.0.0 Ok: queued as 7F3A21"),
    };

    public static DsnRecipient Expanded(string address = "team@kakunin.example") => new()
    {
        FinalRecipient = new TypedAddress("rfc822", address),
        Action = DsnAction.Expanded,
        Status = new EnhancedStatusCode(2, 0, 0),
        ExtensionFields = [new Fields.ReportField("X-Kakunin-Expanded-To", "3 recipients")],
    };

    public static DeliveryStatusReport Report(params DsnRecipient[] recipients) => new()
    {
        ReportingMta = Reporting,
        ArrivalDate = Arrival,
        Recipients = recipients,
        ExtensionFields = [new Fields.ReportField("X-Kakunin-Queue-ID", "4AbCdE")],
    };
}
