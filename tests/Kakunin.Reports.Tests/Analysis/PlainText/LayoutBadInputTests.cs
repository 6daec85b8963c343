using System.Diagnostics;
using System.Text;
using Kakunin.Reports.Analysis;

namespace Kakunin.Reports.Tests.Analysis.PlainText;

// Hostile repetitions of the layouts the text recognisers read themselves (Exim address lines, Domino forms,
// GroupWise lines, Exchange 2003 blocks): each report is answered in bounded time, however many lines the
// readable text (capped at 128 Ki characters) holds. qmail, Courier and Sendmail layouts are read through the
// general prose scanner (BounceText.Scan), which is quadratic in the recipients (a check of 200 KB of them takes
// 5-11 s before and after this work; docs/benchmarks.md §5): not asserted here.
public sealed class LayoutBadInputTests
{
    public static TheoryData<string, string> Layouts => new()
    {
        { "exim addresses", "  r{0}@example.com\n    host mx.example.com [192.0.2.1]\n" },
        { "domino", "was not delivered to:\n  r{0}@example.com\nbecause:\n  no\n" },
        { "groupwise", "The message that you sent was undeliverable to the following:\n\tr{0}@example.com (user not found)\n" },
        { "exchange2003", "      r{0}@example.com on 1/5/2026 9:01 AM\n            <ex.example.com #5.1.1>\n" },
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

        var watch = Stopwatch.StartNew();
        var a = TextMessage.Analyze("Postmaster@mx.example.net", "failure notice", body.ToString());
        watch.Stop();
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"{name}: {watch.Elapsed}");
        Assert.True(a.Kind is ReportKind.Bounce or ReportKind.None, $"{name}: {a.Kind}");
    }
}
