using System.Text;
using Kakunin.Protocol;
using Kakunin.Reports.Dsn;
using Kakunin.Reports.Mime;
using MimeKit;
using static Kakunin.Reports.Tests.Dsn.DsnSamples;

namespace Kakunin.Reports.Tests.Dsn;

public sealed class DsnComposerTests
{
    private static MultipartReport Parts(MimeMessage message) => Assert.IsType<MultipartReport>(message.Body);

    private static MimeMessage Reload(MimeMessage message)
    {
        var bytes = Encoding.UTF8.GetBytes(GoldenFile.Write(message, international: true));
        using var stream = new MemoryStream(bytes);
        return MimeMessage.Load(stream, TestContext.Current.CancellationToken);
    }

    [Fact]
    public void RET_HDRS_copies_every_header_byte_even_past_4_KB()
    {
        // One server truncates returned headers to 4 KB and breaks list managers: never cut.
        var longReferences = "References: " + string.Join("\r\n ", Enumerable.Range(0, 200).Select(i => $"<ref-{i}@lists.example>")) + "\r\n";
        var original = OriginalBytes("X-Long: a\r\n\tb\r\n" + longReferences);
        var headerEnd = Encoding.ASCII.GetString(original).IndexOf("\r\n\r\n", StringComparison.Ordinal) + 2;
        Assert.True(headerEnd > 4096);

        var message = DsnComposer.Compose(Request(Report(Failed()), original: original));
        var part = Assert.IsType<MimePart>(Parts(message)[2]);
        using var content = new MemoryStream();
        Assert.NotNull(part.Content);
        part.Content.DecodeTo(content, TestContext.Current.CancellationToken);
        Assert.Equal(original.AsSpan(0, headerEnd).ToArray(), content.ToArray());

        var reloaded = ReportParts.Find(Reload(message).Body, "text", "rfc822-headers");
        Assert.NotNull(reloaded);
    }

    [Fact]
    public void Original_given_as_MimeMessage_returns_its_headers()
    {
        using var stream = new MemoryStream(OriginalBytes());
        var original = MimeMessage.Load(stream, TestContext.Current.CancellationToken);
        var message = DsnComposer.Compose(Request(Report(Failed())) with { OriginalBytes = null, OriginalMessage = original });
        Assert.Equal("contract-42@kakunin.example", message.InReplyTo);
        var text = ReportParts.ReadText(Parts(message)[2]);
        Assert.Contains("Subject: The contract, signed\r\n  and dated\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Bob, the contract", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Threads_under_the_original()
    {
        var message = DsnComposer.Compose(Request(Report(Failed())));
        Assert.Equal("contract-42@kakunin.example", message.InReplyTo);
        Assert.Equal(["thread-1@kakunin.example", "contract-42@kakunin.example"], message.References.ToArray());
        Assert.Equal("auto-replied", message.Headers["Auto-Submitted"]);
    }

    [Fact]
    public void RET_FULL_gives_headers_only_when_nothing_failed()
    {
        var message = DsnComposer.Compose(Request(Report(Delivered()), ret: DsnReturn.Full));
        Assert.True(Parts(message)[2].ContentType.IsMimeType("text", "rfc822-headers"));
    }

    [Fact]
    public void Envelope_has_the_null_reverse_path_and_asks_for_no_DSN()
    {
        var outgoing = DsnComposer.ComposeForSending(Request(Report(Failed())));
        Assert.Equal(string.Empty, outgoing.ReversePath);
        Assert.False(outgoing.RequestDsn);
        Assert.Equal("alice@kakunin.example", outgoing.Recipient);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<>")]
    public void No_DSN_for_a_null_reverse_path(string sender) =>
        Assert.Throws<ArgumentException>(() => DsnComposer.Compose(Request(Report(Failed())) with { OriginalEnvelopeSender = sender }));

    [Fact]
    public void Status_must_fit_the_action() =>
        Assert.Throws<ArgumentException>(() => DsnComposer.Compose(Request(Report(Delivered() with { Status = new Protocol.EnhancedStatusCode(5, 0, 0) }))));

    [Fact]
    public void Line_breaks_in_values_are_refused() =>
        Assert.Throws<ArgumentException>(() => DsnComposer.Compose(Request(Report(Failed() with { FinalLogId = "x\r\nAction: delivered" }))));

    [Fact]
    public void Without_an_original_there_are_two_parts()
    {
        var message = DsnComposer.Compose(Request(Report(Failed())) with { OriginalBytes = null });
        Assert.Equal(2, Parts(message).Count);
        Assert.Null(message.InReplyTo);
    }

    [Fact]
    public void MimeKit_reads_the_status_groups_too()
    {
        // Peer check: MimeKit's own parser sees one per-message group and one group per recipient
        // (skipping the empty trailing group it can report, see design.md).
        var report = Report(Delivered(), Failed(), Delayed());
        var reloaded = Reload(DsnComposer.Compose(Request(report)));
        var status = Assert.IsType<MessageDeliveryStatus>(Parts(reloaded)[1]);
        var groups = status.StatusGroups.Where(g => g.Count > 0).ToList();
        Assert.Equal(4, groups.Count);
        Assert.Equal("dns; mx1.kakunin.example", groups[0]["Reporting-MTA"]);
        Assert.Equal("failed", groups[2]["Action"]);
        Assert.Equal("5.1.1", groups[2]["Status"]);
        Assert.Equal("rfc822; bob@example.org", groups[2]["Final-Recipient"]);
        Assert.Equal("4.4.1", groups[3]["Status"]);
        Assert.Equal(report, DsnParser.TryParse(reloaded));
    }

    [Fact]
    public void MimeKit_reads_the_global_status_groups()
    {
        var report = Report(Failed("用户@例子.广告") with { OriginalRecipient = null, FinalRecipient = new Protocol.TypedAddress("utf-8", "用户@例子.广告") });
        var reloaded = Reload(DsnComposer.Compose(Request(report)));
        var status = Assert.IsType<MessageDeliveryStatus>(Parts(reloaded)[1]);
        Assert.True(status.ContentType.IsMimeType("message", "global-delivery-status"));
        var groups = status.StatusGroups.Where(g => g.Count > 0).ToList();
        Assert.Equal("utf-8; 用户@例子.广告", groups[1]["Final-Recipient"]);
        Assert.Equal(report, DsnParser.TryParse(reloaded));
    }

    [Fact]
    public void Negative_offsets_with_minutes_keep_their_zone()
    {
        // Found by the round-trip property: MimeKit's DateUtils.FormatDate wrote -05:15 as "-05-15".
        var until = new DateTimeOffset(2026, 12, 4, 18, 0, 5, new TimeSpan(-5, -15, 0));
        var message = DsnComposer.Compose(Request(Report(Delayed() with { WillRetryUntil = until })) with { Date = until });
        var text = ReportParts.ReadText(Parts(message)[1]);
        Assert.Contains("Will-Retry-Until: Fri, 04 Dec 2026 18:00:05 -0515\r\n", text, StringComparison.Ordinal);
        Assert.Equal("Fri, 04 Dec 2026 18:00:05 -0515", message.Headers[HeaderId.Date]);
        Assert.Equal(until, DsnParser.TryParse(Reload(message))!.Recipients[0].WillRetryUntil);
    }

    [Fact]
    public void RET_FULL_with_an_8bit_body_is_marked_8bit()
    {
        var original = OriginalBytes().Concat(Encoding.UTF8.GetBytes("契約書です。\r\n")).ToArray();
        var message = DsnComposer.Compose(Request(Report(Failed()), ret: DsnReturn.Full, original: original));
        Assert.Equal("8bit", Parts(message)[2].Headers[HeaderId.ContentTransferEncoding]);
    }
}
