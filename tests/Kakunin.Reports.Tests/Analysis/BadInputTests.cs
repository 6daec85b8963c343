using System.Diagnostics;
using System.Text;
using Kakunin.Reports.Analysis;

namespace Kakunin.Reports.Tests.Analysis;

/// <summary>
/// Input a sender never meant: cut short, in a charset other than the one named, huge, nested without
/// end. The analyser gives an answer (a report or kind none) in bounded time and never throws.
/// </summary>
public sealed class BadInputTests
{
    private const string Dsn = """
        From: Mail Delivery System <MAILER-DAEMON@mx.example.jp>
        To: sender@example.jp
        Subject: Undelivered Mail Returned to Sender
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

        --b1
        Content-Type: text/plain; charset={0}

        {1}

        --b1
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx.example.jp

        Final-Recipient: rfc822; kenji@example.test
        Action: failed
        Status: 5.1.1
        Diagnostic-Code: smtp; 550 5.1.1 <kenji@example.test>: User unknown

        --b1--

        """;

    private static ReportAnalysis Analyze(string text, Encoding? encoding = null)
    {
        using var stream = new MemoryStream((encoding ?? Encoding.UTF8).GetBytes(text.Replace("\n", "\r\n", StringComparison.Ordinal)));
        return ReportAnalyzer.Analyze(stream);
    }

    private static string Report(string charset, string prose) =>
        Dsn.Replace("{0}", charset, StringComparison.Ordinal).Replace("{1}", prose, StringComparison.Ordinal);

    [Fact]
    public void A_report_cut_anywhere_is_a_report_or_none_and_the_recipient_never_changes()
    {
        var whole = Encoding.UTF8.GetBytes(Report("us-ascii", "The mail system could not deliver your message.").Replace("\n", "\r\n", StringComparison.Ordinal));
        for (var length = 0; length <= whole.Length; length += 7)
        {
            using var stream = new MemoryStream(whole, 0, length);
            var analysis = ReportAnalyzer.Analyze(stream);
            Assert.True(analysis.Kind is ReportKind.None or ReportKind.Dsn or ReportKind.Bounce, $"cut at {length}: {analysis.Kind}");
            // Cut inside the address the report is unusable, but it never names someone else.
            Assert.All(analysis.Recipients, r => Assert.True("kenji@example.test".StartsWith(r.Recipient, StringComparison.Ordinal), $"cut at {length}: {r.Recipient}"));
        }
    }

    [Theory]
    [InlineData("iso-2022-jp")]
    [InlineData("utf-16")]
    [InlineData("x-no-such-charset")]
    [InlineData("\"\"")]
    public void A_charset_that_does_not_match_the_bytes_still_gives_the_recipient(string charset)
    {
        // UTF-8 Japanese prose under a charset that says otherwise.
        var analysis = Analyze(Report(charset, "配送できませんでした。宛先のユーザーが存在しません。"));

        Assert.Equal(ReportKind.Dsn, analysis.Kind);
        var r = Assert.Single(analysis.Recipients);
        Assert.Equal("kenji@example.test", r.Recipient);
        Assert.Equal("5.1.1", r.Status?.ToString());
    }

    [Fact]
    public void Ten_megabytes_of_prose_take_seconds_not_minutes()
    {
        var prose = new StringBuilder();
        var i = 0;
        while (prose.Length < 10 * 1024 * 1024)
        {
            // Addresses, codes and words, as a runaway log pasted into a bounce would have.
            prose.Append("line ").Append(i++).Append(": user").Append(i).Append("@host").Append(i % 97).Append(".example was not reached, 451 4.4.1 try again later\n");
        }

        var text = $"""
            From: Mail Delivery System <MAILER-DAEMON@mx.example.jp>
            To: sender@example.jp
            Subject: Undelivered Mail Returned to Sender

            {prose}
            """;
        var watch = Stopwatch.StartNew();
        var analysis = Analyze(text);
        watch.Stop();

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
        Assert.True(analysis.Kind is ReportKind.None or ReportKind.Bounce, analysis.Kind.ToString());
    }

    [Fact]
    public void A_report_nested_a_hundred_deep_gives_the_outer_report()
    {
        var inner = "From: a@example.jp\nTo: b@example.jp\nSubject: innermost\n\nHello.\n";
        for (var depth = 0; depth < 100; depth++)
        {
            var boundary = $"n{depth}";
            inner = $"""
                From: Mail Delivery System <MAILER-DAEMON@mx{depth}.example.jp>
                To: sender@example.jp
                Subject: Undelivered Mail Returned to Sender
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="{boundary}"

                --{boundary}
                Content-Type: text/plain

                Level {depth}.

                --{boundary}
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx{depth}.example.jp

                Final-Recipient: rfc822; level{depth}@example.test
                Action: failed
                Status: 5.1.1

                --{boundary}
                Content-Type: message/rfc822

                {inner}
                --{boundary}--

                """;
        }

        var analysis = Analyze(inner);

        Assert.Equal(ReportKind.Dsn, analysis.Kind);
        Assert.Equal("level99@example.test", Assert.Single(analysis.Recipients).Recipient);
    }
}
