using System.Text;
using Kakunin.Protocol;
using Kakunin.Reports.Analysis;
using Kakunin.Reports.Dsn;

namespace Kakunin.Reports.Tests.Analysis;

// The three rules drawn from the held-out misses (docs/benchmarks.md §5); expected values checked by hand against
// RFC 3463 and docs/bounce-reasons.md, texts written for these tests.
public sealed class HeldOutMissRuleTests
{
    private static ReportAnalysis Analyze(string report) =>
        ReportAnalyzer.Analyze(new MemoryStream(Encoding.UTF8.GetBytes(report.ReplaceLineEndings("\r\n"))));

    // RFC 3463 x.7.2 "Mailing list expansion prohibited": the sender is not authorized to send to the list.
    [Fact]
    public void A_mailing_list_refusing_the_sender_is_rejected()
    {
        var r = Assert.Single(Analyze(OneRecipientDsn.Compose("failed", "5.7.2", "smtp; 550 5.7.2 team@lists.example.test")).Recipients);
        Assert.Equal(BounceReason.Rejected, r.Reason);
    }

    [Fact]
    public void A_host_not_found_is_an_unknown_host() =>
        Assert.Equal(BounceReason.HostUnknown, ReasonClassifier.Classify(DsnAction.Failed, null, null, "host not found"));

    // RES_TRYAGAIN: the resolver could not answer now, which says nothing of the host's existence.
    [Fact]
    public void A_host_not_found_try_again_is_a_network_error() =>
        Assert.Equal(BounceReason.NetworkError, ReasonClassifier.Classify(
            DsnAction.Failed, EnhancedStatusCode.Parse("5.4.0"), null, "Name service error for domain example.test: Host not found, try again"));

    [Theory]
    [InlineData("4.4.1", 451, "451 4.4.1 Connection timed out")]
    [InlineData("4.4.0", null, "connect to mx.example.test[192.0.2.1]:25: Connection refused")]
    public void A_delayed_connection_failure_is_expired(string status, int? reply, string diagnostic) =>
        Assert.Equal(BounceReason.Expired, ReasonClassifier.Classify(DsnAction.Delayed, EnhancedStatusCode.Parse(status), reply, diagnostic));

    [Fact]
    public void A_delayed_temporary_dns_failure_stays_a_network_error() =>
        Assert.Equal(BounceReason.NetworkError, ReasonClassifier.Classify(
            DsnAction.Delayed, EnhancedStatusCode.Parse("4.4.3"), null,
            "Host or domain name not found. Name service error for name=example.test type=MX: Host not found, try again"));
}
