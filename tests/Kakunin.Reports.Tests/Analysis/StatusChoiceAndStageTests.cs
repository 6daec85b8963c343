using System.Text;
using Kakunin.Protocol;
using Kakunin.Reports.Analysis;

namespace Kakunin.Reports.Tests.Analysis;

// Issue 12 item 2 (which status code to report) and the stage wordings the text scanner reads, through
// the public analyser. Reports written for these tests; expected codes checked by hand against RFC 3464
// §2.3.4 and RFC 3463, stages against RFC 5321 §3.3.
public sealed class StatusChoiceAndStageTests
{
    private static RecipientOutcome Analyze(string report) =>
        Assert.Single(ReportAnalyzer.Analyze(new MemoryStream(Encoding.UTF8.GetBytes(report.ReplaceLineEndings("\r\n")))).Recipients);

    private static string Dsn(string status, string diagnostic) => OneRecipientDsn.Compose("failed", status, "smtp; " + diagnostic);

    private static string Exim(string detail) => $"""
        From: Mail Delivery System <Mailer-Daemon@mail.example.jp>
        To: alice@example.jp
        Subject: Mail delivery failed: returning message to sender

        This message was created automatically by mail delivery software.

        A message that you sent could not be delivered to one or more of its
        recipients. This is a permanent error. The following address(es) failed:

          bob@example.net
            host mx.example.net [192.0.2.1]
            {detail}
        """;

    [Theory]
    [InlineData("5.0.0", "550 5.7.1 Client host [192.0.2.9] blocked using zen.spamhaus.org", "5.7.1")] // generic field
    [InlineData("5.1.1", "550 5.7.1 IP address blacklisted by recipient", "5.7.1")]                  // default bad-mailbox field
    [InlineData("4.4.7", "554 4.4.7 Message expired <421 4.4.2 Connection timed out>", "4.4.2")]       // expiry wrapping the cause
    [InlineData("5.2.2", "552 5.7.1 over quota", "5.2.2")]                                             // a specific field stays
    public void StatusReported(string field, string diagnostic, string expected) =>
        Assert.Equal(EnhancedStatusCode.Parse(expected), Analyze(Dsn(field, diagnostic)).Status);

    [Fact]
    public void UnknownUserAfterEndOfDataIsFiltered()
    {
        var outcome = Analyze(Exim("SMTP error from remote mail server after end of data:\n    550 Unknown user"));
        Assert.Equal("DATA", outcome.SmtpCommand);
        Assert.Equal(BounceReason.Filtered, outcome.Reason);
    }

    [Fact]
    public void UnknownUserAfterRcptIsUserUnknown()
    {
        var outcome = Analyze(Exim("SMTP error from remote mail server after RCPT TO:<bob@example.net>:\n    550 5.1.1 User not exist"));
        Assert.Equal("RCPT", outcome.SmtpCommand);
        Assert.Equal(BounceReason.UserUnknown, outcome.Reason);
    }

    [Fact]
    public void TextCommandOfNewerEximIsData() =>
        Assert.Equal("DATA", Analyze(Exim("SMTP error from remote server for TEXT command, host: mx.example.net reason: 550 Unknown user")).SmtpCommand);

    [Fact]
    public void PreciseRowBeatsEarlierMatchOfALaterRow() =>
        // "virus" (precise) and "rejected" (catch-all) both occur: the precise row decides, wherever it sits in the text.
        Assert.Equal(BounceReason.VirusDetected, ReasonClassifier.FromText("Rejected: message contains a virus"));

    [Theory]
    // qmail-smtpd's refusal of a domain it does not take mail for (its rcpthosts control file): a relay refusal.
    [InlineData("553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)", BounceReason.NoRelaying)]
    // A domain with neither MX nor address records cannot be routed to.
    [InlineData("Sorry, no MX or A records for example.invalid", BounceReason.HostUnknown)]
    public void PlainWordingsOfCommonRefusals(string text, BounceReason expected) =>
        Assert.Equal(expected, ReasonClassifier.FromText(text));
}
