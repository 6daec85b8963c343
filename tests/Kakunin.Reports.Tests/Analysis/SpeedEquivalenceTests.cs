using Kakunin.Reports.Analysis;
using Kakunin.Reports.Mime;
using MimeKit;

namespace Kakunin.Reports.Tests.Analysis;

// The speed work of issue 12 item 6 (docs/benchmarks.md §5) replaced plain searches by faster ones that must give the
// same answers: each fast version is compared here with the plain one it stands for. They pass before the fifth pass's
// changes too: they guard the equivalence, they do not show a fix.
public sealed class SpeedEquivalenceTests
{
    private static readonly (string Phrase, int Channel, int Rank)[] Phrases =
    [
        ("user unknown", 0, 3), ("unknown", 0, 7), ("no such user", 1, 0), ("user", 1, 5), ("mailbox full", 2, 1),
        ("full", 2, 4), ("5.1.1", 0, 1), ("ser u", 1, 2), ("aab", 2, 0), ("ab", 2, 2), ("b", 0, 9), ("pipe to |", 1, 1),
    ];

    // Pieces of text: the phrases, parts of them, other letters, case, a non-ASCII letter and a line end.
    private static readonly string[] Pieces =
        [.. Phrases.Select(p => p.Phrase), "a", "B", " ", "x", "é", "\n", "USER", "UNKN", "own", "5.1", ".1", "|"];

    // The lowest rank per channel of the phrases the text contains, ASCII case ignored: what PhraseMatcher answers.
    private static int PlainBest(string text, IEnumerable<(string Phrase, int Channel, int Rank)> phrases, int channel) =>
        phrases.Where(p => p.Channel == channel && text.Contains(p.Phrase, StringComparison.OrdinalIgnoreCase))
            .Select(p => p.Rank).DefaultIfEmpty(int.MaxValue).Min();

    private static IEnumerable<string> Texts()
    {
        var random = new Random(12);
        for (var i = 0; i < 3000; i++)
        {
            yield return string.Concat(Enumerable.Range(0, random.Next(0, 14)).Select(_ => Pieces[random.Next(Pieces.Length)]));
        }
    }

    [Fact]
    public void Phrase_matcher_channels_give_the_ranks_of_a_plain_search()
    {
        var matcher = new PhraseMatcher(Phrases, channels: 3);
        var ranks = new int[3];
        foreach (var text in Texts())
        {
            matcher.BestRanks(text, ranks);
            for (var channel = 0; channel < 3; channel++)
            {
                Assert.True(PlainBest(text, Phrases, channel) == ranks[channel], $"channel {channel} of \"{text}\"");
            }
        }
    }

    [Fact]
    public void Phrase_matcher_of_one_table_gives_the_rank_of_a_plain_search()
    {
        var matcher = new PhraseMatcher(Phrases.Select(p => (p.Phrase, p.Rank)));
        var all = Phrases.Select(p => (p.Phrase, 0, p.Rank)).ToList();
        foreach (var text in Texts())
        {
            var expected = PlainBest(text, all, 0);
            Assert.True((expected == int.MaxValue ? null : expected) == matcher.BestRank(text), $"\"{text}\"");
        }
    }

    [Fact]
    public void Context_finds_the_part_report_parts_finds()
    {
        var original = new MimeMessage();
        original.Headers.Add("Message-ID", "<a@example.net>");
        original.Body = new TextPart("plain") { Text = "hello" };
        var inner = new Multipart("alternative")
        {
            new TextPart("plain") { Text = "one" },
            new TextPart("html") { Text = "<p>one</p>" },
        };
        var status = new MimePart("message", "delivery-status") { Content = new MimeContent(new MemoryStream("Reporting-MTA: dns; mx.example.net\r\n"u8.ToArray())) };
        var report = new Multipart("report")
        {
            inner,
            status,
            new MimePart("text", "rfc822-headers") { Content = new MimeContent(new MemoryStream("Message-ID: <b@example.net>\r\n"u8.ToArray())) },
            new MessagePart { Message = original },
            new MimePart("message", "delivery-status") { Content = new MimeContent(new MemoryStream("second"u8.ToArray())) },
        };
        var message = new MimeMessage { Body = report };
        var context = new ReportContext(message);
        (string, string)[] types =
        [
            ("multipart", "report"), ("multipart", "alternative"), ("text", "plain"), ("text", "html"),
            ("message", "delivery-status"), ("text", "rfc822-headers"), ("message", "rfc822"), ("message", "global"),
            ("text", "*"), ("image", "png"),
        ];
        foreach (var (type, subtype) in types)
        {
            Assert.Same(ReportParts.Find(message.Body, type, subtype), context.FindPart(type, subtype));
        }

        Assert.Same(status, context.FindPart("message", "delivery-status"));
    }
}
