using System.Text;
using CsCheck;
using Kakunin.Reports.Analysis;
using Kakunin.Reports.Dsn;
using Kakunin.Reports.Mdn;
using MimeKit;

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

    // A fixed-seed slice of bench/Kakunin.Fuzz's reports target: the fixtures with bytes flipped, inserted and cut.
    [Fact]
    public void Mutated_fixtures_never_throw()
    {
        var fixtures = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Bounces"), "*.eml")
            .Concat(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Golden"), "*.eml", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllBytes)
            .ToArray();
        var edit = Gen.Select(Gen.Int[0, 3], Gen.Int[0, int.MaxValue], Gen.Byte.Array[1, 8]);
        var cases = Gen.Select(Gen.Int[0, fixtures.Length - 1], edit.Array[1, 6]);
        var pcg = new PCG(9, 20261204);
        for (var i = 0; i < 300; i++)
        {
            var (index, edits) = cases.Generate(pcg, null, out _);
            var bytes = fixtures[index].ToList();
            foreach (var (kind, position, payload) in edits)
            {
                var at = position % (bytes.Count + 1);
                switch (kind)
                {
                    case 0 when at < bytes.Count: bytes[at] ^= payload[0]; break;
                    case 1: bytes.InsertRange(at, payload); break;
                    case 2: bytes.RemoveRange(at, Math.Min(payload.Length * 16, bytes.Count - at)); break;
                    default: bytes.RemoveRange(at, bytes.Count - at); break;
                }
            }

            var data = bytes.ToArray();
            using var stream = new MemoryStream(data);
            _ = ReportAnalyzer.Analyze(stream);
            _ = DsnParser.TryParseFields(Encoding.UTF8.GetString(data));
            _ = MdnParser.TryParseFields(Encoding.UTF8.GetString(data));
            MimeMessage message;
            try
            {
                message = MimeMessage.Load(new MemoryStream(data));
            }
            catch (FormatException)
            {
                continue; // MimeKit's documented parse failure
            }

            using (message)
            {
                _ = DsnParser.TryParse(message);
                _ = MdnParser.TryParse(message);
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
