using System.Text;
using Kakunin.Protocol;
using Kakunin.Reports.Analysis;
using Kakunin.Reports.Dsn;
using MimeKit;

namespace Kakunin.Reports.Tests.Dsn;

/// <summary>
/// RFC 3464 §2.1 delimits the per-recipient blocks by blank lines and sets no order for the fields
/// inside one. Every order of the usual fields must give one recipient per block, with its own values.
/// </summary>
public sealed class DsnFieldOrderTests
{
    // Three recipients, each with values of its own so that a field landing in the wrong block shows.
    private static readonly Recipient[] Recipients =
    [
        new("anna@example.test", "anna.alias@example.org", "failed", "5.1.1", "mx1.example.test", "550 5.1.1 <anna@example.test>: Recipient address rejected:", "user unknown in local recipient table"),
        new("ben@example.test", "ben.alias@example.org", "delayed", "4.4.1", "mx2.example.test", "451 4.4.1 Connection timed out", "will retry"),
        new("chie@example.test", "chie.alias@example.org", "delivered", "2.0.0", "mx3.example.test", "250 2.0.0 Ok: queued as 4F2A", "thank you"),
    ];

    private static readonly string[] UsualFields =
        ["Original-Recipient", "Action", "Final-Recipient", "Status", "Remote-MTA", "Diagnostic-Code"];

    public static TheoryData<int, string, bool> Layouts()
    {
        var data = new TheoryData<int, string, bool>();
        foreach (var count in new[] { 4, 5, 6 })
        {
            foreach (var newline in new[] { "\r\n", "\n" })
            {
                data.Add(count, newline == "\r\n" ? "CRLF" : "LF", true);
                data.Add(count, newline == "\r\n" ? "CRLF" : "LF", false);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Every_order_of_the_fields_gives_one_recipient_per_block(int fieldCount, string lineEnd, bool blankLines)
    {
        var newline = lineEnd == "CRLF" ? "\r\n" : "\n";
        foreach (var order in Permutations(UsualFields[..fieldCount]))
        {
            var text = StatusBody(order, newline, blankLines);
            var report = DsnParser.TryParseFields(text);
            var described = string.Join(", ", order);
            Assert.True(report is not null, described);
            Assert.True(Recipients.Length == report.Recipients.Count, $"{described}: {report.Recipients.Count} recipients");
            Assert.Equal("mta.example.jp", report.ReportingMta.Name);
            for (var i = 0; i < Recipients.Length; i++)
            {
                var expected = Recipients[i];
                var got = report.Recipients[i];
                Assert.True(expected.Final == got.FinalRecipient.Address, $"{described}: final {got.FinalRecipient.Address}");
                if (order.Contains("Original-Recipient"))
                {
                    Assert.True(expected.Original == got.OriginalRecipient?.Address, $"{described}: original {got.OriginalRecipient?.Address}");
                }

                Assert.True(DsnActions.Parse(expected.Action) == got.Action, $"{described}: action {got.Action}");
                Assert.True(EnhancedStatusCode.Parse(expected.Status) == got.Status, $"{described}: status {got.Status}");
                if (order.Contains("Remote-MTA"))
                {
                    Assert.True(expected.Mta == got.RemoteMta?.Name, $"{described}: remote {got.RemoteMta?.Name}");
                }

                if (order.Contains("Diagnostic-Code"))
                {
                    // The folded second line joins the first with one space (RFC 5322 §2.2.3 unfolding).
                    Assert.True($"{expected.Diagnostic} {expected.DiagnosticFold}" == got.DiagnosticCode?.Text, $"{described}: diagnostic {got.DiagnosticCode?.Text}");
                }
            }
        }
    }

    [Fact]
    public void Original_recipient_first_gives_one_outcome_per_recipient_with_the_reported_status()
    {
        // The layout seen from a real peer: Original-Recipient, Action, Final-Recipient, Status.
        string[] order = ["Original-Recipient", "Action", "Final-Recipient", "Status"];
        var analysis = ReportAnalyzer.Analyze(ReportMessage(StatusBody(order, "\r\n", blankLines: true)));

        Assert.Equal(ReportKind.Dsn, analysis.Kind);
        Assert.Equal(["anna@example.test", "ben@example.test", "chie@example.test"], analysis.Recipients.Select(r => r.Recipient));
        Assert.Equal(["5.1.1", "4.4.1", "2.0.0"], analysis.Recipients.Select(r => r.Status?.ToString()));
        Assert.Equal([DsnAction.Failed, DsnAction.Delayed, DsnAction.Delivered], analysis.Recipients.Select(r => r.Action));
        Assert.Equal(["anna.alias@example.org", "ben.alias@example.org", "chie.alias@example.org"], analysis.Recipients.Select(r => r.OriginalRecipient));
    }

    internal static MimeMessage ReportMessage(string statusBody)
    {
        var report = new MultipartReport("delivery-status")
        {
            new TextPart("plain") { Text = "Delivery report for your message.\r\n" },
            new MimePart("message", "delivery-status") { Content = new MimeContent(new MemoryStream(Encoding.ASCII.GetBytes(statusBody))) },
        };
        var message = new MimeMessage { Subject = "Delivery Status Notification", Body = report };
        message.From.Add(new MailboxAddress("Mail Delivery System", "MAILER-DAEMON@mta.example.jp"));
        message.To.Add(new MailboxAddress(null, "sender@example.jp"));
        return message;
    }

    internal static string StatusBody(IReadOnlyList<string> order, string newline, bool blankLines)
    {
        var sb = new StringBuilder();
        sb.Append("Reporting-MTA: dns; mta.example.jp").Append(newline);
        sb.Append("Arrival-Date: Sun, 6 Dec 2026 10:00:00 +0000").Append(newline);
        foreach (var r in Recipients)
        {
            if (blankLines)
            {
                sb.Append(newline);
            }

            foreach (var field in order)
            {
                sb.Append(field switch
                {
                    "Original-Recipient" => $"Original-Recipient: rfc822; {r.Original}",
                    "Final-Recipient" => $"Final-Recipient: rfc822; {r.Final}",
                    "Action" => $"Action: {r.Action}",
                    "Status" => $"Status: {r.Status}",
                    "Remote-MTA" => $"Remote-MTA: dns; {r.Mta}",
                    _ => $"Diagnostic-Code: smtp; {r.Diagnostic}{newline}    {r.DiagnosticFold}",
                }).Append(newline);
            }
        }

        return sb.Append(newline).ToString();
    }

    private static IEnumerable<string[]> Permutations(string[] items)
    {
        if (items.Length <= 1)
        {
            yield return items;
            yield break;
        }

        for (var i = 0; i < items.Length; i++)
        {
            var rest = items.Where((_, j) => j != i).ToArray();
            foreach (var tail in Permutations(rest))
            {
                yield return [items[i], .. tail];
            }
        }
    }

    private sealed record Recipient(string Final, string Original, string Action, string Status, string Mta, string Diagnostic, string DiagnosticFold);
}
