using System.Text;
using Kakunin.Protocol;
using Kakunin.Reports.Analysis;
using Kakunin.Reports.Dsn;

namespace Kakunin.Reports.Tests.Dsn;

/// <summary>
/// A DSN Kakunin composed, parsed back: the human-readable part is Kakunin's own prose (status line,
/// dates, headings), never the remote server's words. Only a Diagnostic-Code carries those (RFC 3464 §2.3.6).
/// </summary>
public sealed class DsnOwnProseTests
{
    [Theory]
    [InlineData("en")]
    [InlineData("ja")]
    public void A_success_DSN_without_a_diagnostic_reports_no_server_words(string language)
    {
        var delivered = DsnSamples.Delivered() with { LastAttemptDate = new DateTimeOffset(2026, 11, 29, 18, 0, 7, TimeSpan.FromHours(9)) };
        var analysis = Analyze(DsnSamples.Report(delivered), language);

        var outcome = Assert.Single(analysis.Recipients);
        Assert.Equal("dave@kakunin.example", outcome.Recipient);
        Assert.Equal(DsnAction.Delivered, outcome.Action);
        Assert.Equal(EnhancedStatusCode.Parse("2.0.0"), outcome.Status);
        Assert.Equal(BounceReason.Delivered, outcome.Reason);
        Assert.Null(outcome.Diagnostic);
        Assert.Null(outcome.RemoteMta);
        Assert.Null(outcome.ReplyCode);
    }

    [Fact]
    public void A_mixed_DSN_reports_each_recipients_own_diagnostic_and_none_for_the_delivered_one()
    {
        var analysis = Analyze(DsnSamples.Report(DsnSamples.Failed(), DsnSamples.Delivered()), "en");

        Assert.Equal(["bob@example.org", "dave@kakunin.example"], analysis.Recipients.Select(r => r.Recipient));
        var failed = analysis.Recipients[0];
        Assert.Equal("550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown in virtual mailbox table", failed.Diagnostic);
        Assert.Equal("mx.example.org", failed.RemoteMta);
        var delivered = analysis.Recipients[1];
        Assert.Null(delivered.Diagnostic);
        Assert.Null(delivered.RemoteMta);
    }

    private static ReportAnalysis Analyze(DeliveryStatusReport report, string language)
    {
        var message = DsnComposer.Compose(DsnSamples.Request(report, language));
        var bytes = Encoding.UTF8.GetBytes(GoldenFile.Write(message, international: true));
        using var stream = new MemoryStream(bytes);
        return ReportAnalyzer.Analyze(stream);
    }
}
