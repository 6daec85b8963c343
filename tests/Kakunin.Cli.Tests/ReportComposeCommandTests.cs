using System.Text;
using Kakunin.Reports.Dsn;
using Kakunin.Reports.Mdn;
using MimeKit;

namespace Kakunin.Cli.Tests;

/// <summary><c>kakunin report compose dsn|mdn</c>: what comes out parses back with the values given.</summary>
public sealed class ReportComposeCommandTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("kakunin-cli-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void Compose_dsn_gives_a_report_that_parses_back()
    {
        var (exit, output, error) = CliRunner.Run(
            "report", "compose", "dsn", "--sender", "alice@example.jp", "--recipient", "bob@example.com",
            "--action", "failed", "--status", "5.1.1", "--diagnostic", "550 5.1.1 No such user",
            "--remote-mta", "mx.example.com", "--envid", "QQ314159", "--reporting-mta", "mail.example.jp",
            "--date", "2026-11-29T10:00:00+09:00");

        Assert.Equal(0, exit);
        // RFC 3461 §6.2: a DSN goes out from the null reverse-path.
        Assert.Contains("MAIL FROM:<> RCPT TO:<alice@example.jp>", error, StringComparison.Ordinal);
        var message = Load(output);
        Assert.Equal("alice@example.jp", message.To.Mailboxes.Single().Address);
        var report = DsnParser.TryParse(message);
        Assert.NotNull(report);
        Assert.Equal("mail.example.jp", report.ReportingMta.Name);
        Assert.Equal("QQ314159", report.OriginalEnvelopeId);
        var recipient = Assert.Single(report.Recipients);
        Assert.Equal("bob@example.com", recipient.FinalRecipient.Address);
        Assert.Equal(DsnAction.Failed, recipient.Action);
        Assert.Equal("5.1.1", recipient.Status.ToString());
        Assert.Equal("550 5.1.1 No such user", recipient.DiagnosticCode?.Text);
    }

    [Fact]
    public void Compose_dsn_refuses_a_status_that_is_not_one()
    {
        var (exit, _, error) = CliRunner.Run("report", "compose", "dsn", "--sender", "a@example.jp", "--recipient", "b@example.com", "--status", "5.1");
        Assert.Equal(1, exit);
        Assert.Contains("not an enhanced status code", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("user", "manual-action/MDN-sent-manually; displayed")]
    [InlineData("policy", "manual-action/MDN-sent-automatically; displayed")]
    public void Compose_mdn_writes_the_sending_mode_asked_for(string sentBy, string expected)
    {
        var original = WriteOriginal(withRequest: true);

        var (exit, output, error) = CliRunner.Run(
            "report", "compose", "mdn", "--original", original, "--reader", "bob@example.com", "--sent-by", sentBy, "--lang", "ja");

        Assert.Equal(0, exit);
        // RFC 8098 §3: null envelope sender, sent to the Disposition-Notification-To address.
        Assert.Contains("MAIL FROM:<> RCPT TO:<receipts@example.jp>", error, StringComparison.Ordinal);
        var notification = MdnParser.TryParse(Load(output));
        Assert.NotNull(notification);
        Assert.Equal(expected, notification.Disposition.ToString());
        Assert.Equal("<contract-7@example.jp>", notification.OriginalMessageId);
    }

    [Fact]
    public void Compose_mdn_without_a_request_is_an_error()
    {
        var original = WriteOriginal(withRequest: false);
        var (exit, _, error) = CliRunner.Run("report", "compose", "mdn", "--original", original, "--reader", "bob@example.com");
        Assert.Equal(1, exit);
        Assert.Contains("Disposition-Notification-To", error, StringComparison.Ordinal);
    }

    private string WriteOriginal(bool withRequest)
    {
        var path = Path.Combine(_dir.FullName, "original.eml");
        var request = withRequest ? "Disposition-Notification-To: receipts@example.jp\r\n" : string.Empty;
        File.WriteAllText(path,
            "Return-Path: <receipts@example.jp>\r\nFrom: Alice <alice@example.jp>\r\nTo: bob@example.com\r\n" +
            "Subject: Contract\r\nMessage-ID: <contract-7@example.jp>\r\n" + request + "\r\nPlease sign.\r\n");
        return path;
    }

    private static MimeMessage Load(string text) => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(text)));
}
