using System.Text;
using Kakunin.Reports.Analysis;

namespace Kakunin.Reports.Tests.Analysis;

/// <summary>
/// X-Failed-Recipients is the reporting MTA's list of failed envelope recipients: it wins over an
/// address the prose happens to name, such as the sender's in "A message sent by &lt;addr&gt;".
/// </summary>
public sealed class FailedRecipientsHeaderTests
{
    [Fact]
    public void The_header_names_the_recipient_not_the_sender_quoted_in_the_prose()
    {
        var analysis = Analyze("""
            From: Mail Delivery System <postmaster@relay.example.net>
            To: hana@sender.example
            Subject: Mail delivery failed
            X-Failed-Recipients: taro@remote.example

            A message sent by <office@sender.example> on behalf of Hana could not be delivered.
            The remote server said: 550 5.1.1 No such mailbox here

            """);

        Assert.Equal(ReportKind.Bounce, analysis.Kind);
        var outcome = Assert.Single(analysis.Recipients);
        Assert.Equal("taro@remote.example", outcome.Recipient);
        Assert.Equal("5.1.1", outcome.Status?.ToString());
    }

    [Fact]
    public void Prose_recipients_the_header_also_names_keep_their_own_words()
    {
        var analysis = Analyze("""
            From: Mail Delivery System <Mailer-Daemon@relay.example.net>
            To: hana@sender.example
            Subject: Mail delivery failed: returning message to sender
            X-Failed-Recipients: taro@remote.example, jiro@remote.example

            This message was created automatically by mail delivery software.

            A message that you sent could not be delivered to one or more of its
            recipients. This is a permanent error. The following address(es) failed:

              taro@remote.example
                SMTP error from remote mail server after RCPT TO:<taro@remote.example>:
                550 5.1.1 User unknown
              jiro@remote.example
                SMTP error from remote mail server after RCPT TO:<jiro@remote.example>:
                552 5.2.2 Mailbox full

            """);

        Assert.Equal(["taro@remote.example", "jiro@remote.example"], analysis.Recipients.Select(r => r.Recipient));
        Assert.Equal(["5.1.1", "5.2.2"], analysis.Recipients.Select(r => r.Status?.ToString()));
    }

    private static ReportAnalysis Analyze(string text)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text.Replace("\n", "\r\n", StringComparison.Ordinal)));
        return ReportAnalyzer.Analyze(stream);
    }
}
