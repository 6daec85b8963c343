using Kakunin.Store.Mail;
using Kakunin.Tracking;
using Kakunin.Web.Mail;
using Kakunin.Web.Ui;
using Kakunin.Web.Ui.Text;
using MimeKit;

namespace Kakunin.WebTests;

/// <summary>The pure helpers of the mail pages.</summary>
public sealed class MailUiUnitTests
{
    private static TrackingSummary Summary(int recipients, int pending = 0, int delayed = 0, int delivered = 0, int relayed = 0, int failed = 0, int read = 0, int deleted = 0) =>
        new(1, recipients, pending, delayed, delivered, relayed, 0, failed, read, deleted);

    [Fact]
    public void The_tracking_line_leaves_out_zeros_except_delivered()
    {
        Assert.Equal("Delivered 2/3 · Read 1/3 · 1 failed", TrackingSummaryText.Format(Summary(3, delivered: 2, failed: 1, read: 1), UiText.En));
        Assert.Equal("配信 2/3 · 開封 1/3 · 失敗 1", TrackingSummaryText.Format(Summary(3, delivered: 2, failed: 1, read: 1), UiText.Ja));
        Assert.Equal("Delivered 0/2 · Pending 2", TrackingSummaryText.Format(Summary(2, pending: 2), UiText.En));
        Assert.Equal("Delivered 1/1", TrackingSummaryText.Format(Summary(1, delivered: 1), UiText.En));
        Assert.Equal(
            "Delivered 0/4 · 1 delayed · 2 relayed · 1 failed",
            TrackingSummaryText.Format(Summary(4, delayed: 1, relayed: 2, failed: 1), UiText.En));
        Assert.Equal("Delivered 1/1 · 1 deleted unread", TrackingSummaryText.Format(Summary(1, delivered: 1, deleted: 1), UiText.En));
        Assert.Equal("配信 0/2 · 送信待ち 1 · 遅延 1", TrackingSummaryText.Format(Summary(2, pending: 1, delayed: 1), UiText.Ja));
    }

    [Theory]
    [InlineData(1, 1, "")]
    [InlineData(1, 3, "1 2 3")]
    [InlineData(1, 25, "1 2 3 … 25")]
    [InlineData(5, 25, "1 … 3 4 5 6 7 … 25")]
    [InlineData(25, 25, "1 … 23 24 25")]
    [InlineData(4, 7, "1 2 3 4 5 6 7")]
    [InlineData(99, 3, "1 2 3")]
    public void Page_links_show_the_ends_and_the_neighbourhood(int current, int count, string expected) =>
        Assert.Equal(expected, string.Join(' ', Paging.Links(current, count).Select(p => p?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "…")));

    [Fact]
    public void The_range_and_its_words()
    {
        Assert.Equal((51L, 100L), Paging.Range(2, 50, 1234, 50));
        Assert.Equal((0L, 0L), Paging.Range(1, 50, 0, 0));
        Assert.Equal("1–50 of 1,234", UiText.En.Range(1, 50, 1234));
        Assert.Equal("1,234 件中 1–50 件", UiText.Ja.Range(1, 50, 1234));
    }

    [Theory]
    [InlineData("report.pdf", "report.pdf")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("C:\\Users\\x\\evil.exe", "evil.exe")]
    [InlineData(".bashrc", "bashrc")]
    [InlineData("a\r\nb\"c.txt", "abc.txt")]
    [InlineData("   ", "attachment")]
    [InlineData("..", "attachment")]
    [InlineData("見積書.xlsx", "見積書.xlsx")]
    public void Download_names_are_plain_file_names(string given, string expected) => Assert.Equal(expected, DownloadName.Clean(given));

    [Fact]
    public void Long_download_names_keep_their_extension() =>
        Assert.Equal(new string('x', DownloadName.MaxLength - 4) + ".pdf", DownloadName.Clean(new string('x', 400) + ".pdf"));

    [Theory]
    [InlineData(0, "0 bytes")]
    [InlineData(812, "812 bytes")]
    [InlineData(1025, "2 KB")]
    [InlineData(40_000, "40 KB")]
    [InlineData(26 * 1024 * 1024 + 10, "26 MB")]
    [InlineData(2_516_582, "2.4 MB")]
    public void Sizes_are_short(long bytes, string expected) => Assert.Equal(expected, ByteSize.Format(bytes));

    [Fact]
    public void A_draft_keeps_what_was_typed_even_when_invalid_and_both_receipt_choices()
    {
        var form = new ComposeForm
        {
            To = "山田 太郎 <yamada@example.test>, not an address",
            Cc = "carol@example.test",
            Bcc = "dave@example.test",
            Subject = "見積もり",
            Body = "Line one\nLine two",
            RequestDeliveryReceipt = true,
            RequestReadReceipt = true,
            InReplyTo = "parent@example.test",
            References = "root@example.test parent@example.test",
        };
        var bytes = DraftMessage.Build(new MailboxAddress(null, "alice@example.test"), form, [new Kakunin.Mail.Compose.Attachment("a.txt", "text/plain", "hi"u8.ToArray())], "mx.example.test", DateTimeOffset.UnixEpoch);
        var draft = MimeMessage.Load(new MemoryStream(bytes));
        Assert.True(System.Text.Ascii.IsValid(bytes)); // 7-bit: any client can read it back
        Assert.Equal("yes", draft.Headers[DraftMessage.RequestDsnHeader]);
        Assert.Contains("alice@example.test", draft.Headers[HeaderId.DispositionNotificationTo], StringComparison.Ordinal);

        var back = DraftMessage.Read(draft, 42);
        Assert.Equal(form.To, back.To);
        Assert.Equal(form.Cc, back.Cc);
        Assert.Equal(form.Bcc, back.Bcc);
        Assert.Equal(form.Subject, back.Subject);
        Assert.Equal(form.Body, back.Body);
        Assert.True(back.RequestDeliveryReceipt);
        Assert.True(back.RequestReadReceipt);
        Assert.Equal("parent@example.test", back.InReplyTo);
        Assert.Equal(["root@example.test", "parent@example.test"], back.ReferenceList);
        Assert.Equal(42, back.DraftId);
        Assert.Equal(42, back.AttachmentsFrom);

        var plain = DraftMessage.Read(MimeMessage.Load(new MemoryStream(DraftMessage.Build(new MailboxAddress(null, "alice@example.test"), new ComposeForm(), [], "mx.example.test", DateTimeOffset.UnixEpoch))), 1);
        Assert.False(plain.RequestDeliveryReceipt);
        Assert.False(plain.RequestReadReceipt);
        Assert.Equal(string.Empty, plain.To);
    }

    [Fact]
    public void Rows_name_the_sender_or_in_sent_the_recipients_and_say_everything_for_screen_readers()
    {
        var at = new DateTimeOffset(2026, 5, 3, 5, 5, 0, TimeSpan.Zero);
        var item = new MessageListItem(7, at, null, "Bob", "alice@example.test", "Contract", 100, false, true, "unmatched", string.Empty);
        var inbox = MessageRow.Create(item, "Inbox", null, UiText.En);
        Assert.Equal("Bob", inbox.Who);
        Assert.Equal("/mail/Inbox/7", inbox.Href);

        var sent = MessageRow.Create(item with { Seen = true, ReportState = null, Subject = null }, "Sent", Summary(1, delivered: 1), UiText.Ja);
        Assert.Equal("宛先: alice@example.test", sent.Who);
        Assert.Equal("（件名なし）", sent.Subject);
        Assert.Equal("配信 1/1", sent.Tracking);
        Assert.Equal("/compose?draft=7", MessageRow.Create(item, "Drafts", null, UiText.En).Href);
    }

    [Fact]
    public void The_body_frame_policy_allows_remote_images_only_when_asked_and_never_script()
    {
        Assert.Equal(
            "default-src 'none'; img-src data: 'self'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'",
            MessageEndpoints.BodyPolicy(remoteImages: false));
        Assert.Contains("img-src data: 'self' https: http:;", MessageEndpoints.BodyPolicy(remoteImages: true), StringComparison.Ordinal);
        Assert.Null(Notice.Text("<script>", UiText.En));
        Assert.Equal("送信しました。", Notice.Text(Notice.Sent, UiText.Ja));
    }

    [Fact]
    public void A_posted_References_field_cannot_start_a_new_header_field()
    {
        // The hidden field is the sender's own, but a line break in it would become "Bcc: …" in the message (RFC 5322 §2.2).
        var form = new ComposeForm { References = "a@example.net\r\nBcc: x@evil.example  b@example.net\tc@example.net" };

        Assert.Equal(["a@example.net", "Bcc:", "x@evil.example", "b@example.net", "c@example.net"], form.ReferenceList);
        Assert.All(form.ReferenceList, id => Assert.DoesNotContain(id, char.IsControl));
    }
}
