using System.Text;
using Kakunin.Reports.Analysis;

namespace Kakunin.Reports.Tests.Analysis.PlainText;

// Hostile repetitions of the layouts the text recognisers read themselves (Exim address lines, Domino forms,
// GroupWise lines, Exchange 2003 blocks) and of the qmail, Courier and Sendmail layouts the general prose scanner
// (BounceText.Scan) reads: each report is answered in bounded time, however many lines the readable text (capped at
// 128 Ki characters) holds. The scanner read the whole transcript again for every recipient (5-11 s for 200 KB of
// qmail, Courier or Sendmail blocks; docs/benchmarks.md §5); it reads it once now.
public sealed class LayoutBadInputTests
{
    public static TheoryData<string, string> Layouts => new()
    {
        { "exim addresses", "  r{0}@example.com\n    host mx.example.com [192.0.2.1]\n" },
        { "domino", "was not delivered to:\n  r{0}@example.com\nbecause:\n  no\n" },
        { "groupwise", "The message that you sent was undeliverable to the following:\n\tr{0}@example.com (user not found)\n" },
        { "exchange2003", "      r{0}@example.com on 1/5/2026 9:01 AM\n            <ex.example.com #5.1.1>\n" },
        { "qmail", "<r{0}@example.com>:\n192.0.2.1 does not like recipient.\nRemote host said: 550 5.1.1 unknown user\nGiving up on 192.0.2.1.\n\n" },
        { "courier", "<r{0}@example.com>:\n>>> RCPT TO:<r{0}@example.com>\n<<< 550 5.1.1 unknown user\n\n" },
        { "sendmail", "... while talking to mx.example.com.:\n>>> RCPT To:<r{0}@example.com>\n<<< 550 5.1.1 <r{0}@example.com>... User unknown\n" },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void A_huge_repetition_of_a_layout_is_answered_quickly(string name, string unit)
    {
        var body = new StringBuilder();
        for (var i = 0; body.Length < 200_000; i++)
        {
            body.Append(unit.Replace("{0}", i.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        }

        // CPU time of this thread, not wall-clock: at a load of 60 the wall-clock time of a 1-second analysis passed
        // 3 seconds while the thread waited for a core. The quadratic scanner this guards against took 5-11 s of CPU.
        var cpuBefore = ThreadCpuTime.Current();
        var a = TextMessage.Analyze("Postmaster@mx.example.net", "failure notice", body.ToString());
        var cpu = ThreadCpuTime.Current() - cpuBefore;
        Assert.True(cpu < TimeSpan.FromSeconds(3), $"{name}: {cpu} of CPU");
        Assert.True(a.Kind is ReportKind.Bounce or ReportKind.None, $"{name}: {a.Kind}");
    }

    public static TheoryData<string, string> ScannedLayouts => new()
    {
        { "qmail", "<r{0}@example.com>:\n192.0.2.1 does not like recipient.\nRemote host said: 550 5.1.1 unknown user\nGiving up on 192.0.2.1.\n\n" },
        { "courier", "<r{0}@example.com>:\n>>> RCPT TO:<r{0}@example.com>\n<<< 550 5.1.1 unknown user\n\n" },
        { "sendmail", "... while talking to mx.example.com.:\n>>> RCPT To:<r{0}@example.com>\n<<< 550 5.1.1 <r{0}@example.com>... User unknown\n" },
    };

    [Theory]
    [MemberData(nameof(ScannedLayouts))]
    public void Every_recipient_of_a_huge_repetition_is_read_with_its_own_refusal(string name, string unit)
    {
        var body = new StringBuilder();
        for (var i = 0; body.Length < 200_000; i++)
        {
            body.Append(unit.Replace("{0}", i.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        }

        var a = TextMessage.Analyze("Postmaster@mx.example.net", "failure notice", body.ToString());

        // Over a thousand blocks fit in the readable text's 128 Ki characters; each is its own recipient, refused
        // with 5.1.1 at RCPT (the transcript's command, or qmail's "does not like recipient").
        Assert.True(a.Recipients.Count > 1000, $"{name}: {a.Recipients.Count}");
        Assert.Equal(a.Recipients.Count, a.Recipients.Select(r => r.Recipient).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(a.Recipients, r => Assert.Equal("5.1.1", r.Status?.ToString()));
        Assert.All(a.Recipients, r => Assert.Equal("RCPT", r.SmtpCommand));
    }
}
