using System.Text;
using CsCheck;
using Kakunin.Reports.Analysis;

namespace Kakunin.Reports.Tests.Analysis;

public sealed class RobustnessTests
{
    [Fact]
    public void Random_bytes_never_throw() =>
        Gen.Byte.Array[0, 4000].Sample(bytes =>
        {
            using var stream = new MemoryStream(bytes);
            _ = ReportAnalyzer.Analyze(stream);
        }, iter: 300);

    [Fact]
    public void Truncated_fixtures_never_throw()
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Bounces");
        foreach (var file in Directory.GetFiles(dir, "*.eml"))
        {
            var bytes = File.ReadAllBytes(file);
            for (var length = 0; length < bytes.Length; length += Math.Max(1, bytes.Length / 60))
            {
                using var stream = new MemoryStream(bytes, 0, length);
                _ = ReportAnalyzer.Analyze(stream);
            }
        }
    }

    [Fact]
    public void Random_text_in_a_bounce_never_throws() =>
        Gen.String.Sample(text =>
        {
            var message = "From: MAILER-DAEMON@example.com\r\nSubject: failure notice\r\n\r\n<x@example.test>:\r\n" + text;
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(message));
            _ = ReportAnalyzer.Analyze(stream);
        }, iter: 300);

    [Theory]
    [InlineData("userunknown", BounceReason.UserUnknown)]
    [InlineData("MailboxFull", BounceReason.MailboxFull)]
    [InlineData("nonsense", null)]
    public void Wire_names_round_trip(string wire, BounceReason? expected)
    {
        Assert.Equal(expected, BounceReasons.Parse(wire));
        if (expected is { } reason)
        {
            Assert.Equal(wire.ToLowerInvariant(), reason.ToWire());
        }
    }
}
