using Kakunin.Reports.Mdn;
using MimeKit;

namespace Kakunin.Reports.Tests.Mdn;

public class MdnComposerTests
{
    private static readonly MailboxAddress Bob = new("Bob Reader", "bob@example.com");

    private static ComposedMdn Compose(string original, Disposition disposition, string language = "en", bool headers = false) =>
        MdnComposer.Compose(Samples.Load(original), Bob, disposition, new MdnComposeOptions(Samples.MdnDate, language, headers));

    [Fact]
    public void Envelope_has_null_reverse_path_and_goes_to_the_notification_address()
    {
        // RFC 8098 §3: MAIL FROM:<> and the DNT address in header and envelope (standards.md mistake 3).
        var mdn = Compose(Samples.OriginalEn, Disposition.SentByUser(DispositionType.Displayed));
        Assert.Equal(string.Empty, mdn.Envelope.ReversePath);
        Assert.Equal(["alice@example.org"], mdn.Envelope.Recipients);
        Assert.Equal(["alice@example.org"], mdn.Message.To.Mailboxes.Select(m => m.Address));
        Assert.Equal("bob@example.com", mdn.Message.From.Mailboxes.Single().Address);
    }

    [Fact]
    public void A_denied_receipt_is_never_composed()
    {
        // RFC 8098 §2.1: a reader who declines sends nothing; "denied" (RFC 3798) would tell the sender of a refusal.
        Assert.Throws<ArgumentException>(() => Compose(Samples.OriginalEn, Disposition.SentByUser(DispositionType.Denied)));
        Assert.Throws<ArgumentException>(() => Compose(Samples.OriginalEn, Disposition.SentByPolicy(DispositionType.Denied)));
    }

    [Fact]
    public void Several_notification_addresses_all_receive_it()
    {
        var original = Samples.OriginalEn.Replace(
            "Disposition-Notification-To: Alice Sender <alice@example.org>",
            "Disposition-Notification-To: alice@example.org, audit@example.org", StringComparison.Ordinal);
        var mdn = Compose(original, Disposition.SentByUser(DispositionType.Displayed));
        Assert.Equal(["alice@example.org", "audit@example.org"], mdn.Envelope.Recipients);
    }

    [Fact]
    public void Mdn_never_requests_an_mdn_and_threads_under_the_original()
    {
        var mdn = Samples.RoundTrip(Compose(Samples.OriginalEn, Disposition.SentByUser(DispositionType.Displayed)).Message);
        Assert.False(mdn.Headers.Contains("Disposition-Notification-To"));
        Assert.False(mdn.Headers.Contains("Return-Receipt-To"));
        Assert.Equal("q4-report@example.org", mdn.InReplyTo);
        Assert.Equal(["thread-start@example.org", "q4-report@example.org"], mdn.References);
        Assert.NotEqual("q4-report@example.org", mdn.MessageId);
        Assert.Equal("Read: Quarterly report", mdn.Subject);
    }

    [Fact]
    public void Auto_submitted_only_when_sent_automatically()
    {
        // RFC 3834 §5.
        var manual = Compose(Samples.OriginalEn, Disposition.SentByUser(DispositionType.Displayed)).Message;
        var policy = Compose(Samples.OriginalEn, Disposition.SentByPolicy(DispositionType.Displayed)).Message;
        Assert.Null(manual.Headers["Auto-Submitted"]);
        Assert.Equal("auto-replied", policy.Headers["Auto-Submitted"]);
    }

    [Fact]
    public void Original_recipient_is_never_taken_from_To()
    {
        // standards.md mistake 2; RFC 8098 §3.2.3 and §5.
        var withoutHeader = Samples.OriginalEn.Replace("Original-Recipient: rfc822;bob@example.com\r\n", string.Empty, StringComparison.Ordinal);
        Assert.Null(Compose(withoutHeader, Disposition.SentByUser(DispositionType.Displayed)).Notification.OriginalRecipient);
        Assert.Equal(new MdnAddress("rfc822", "bob@example.com"),
            Compose(Samples.OriginalEn, Disposition.SentByUser(DispositionType.Displayed)).Notification.OriginalRecipient);
    }

    [Fact]
    public void Two_original_recipient_headers_count_as_none()
    {
        var twice = Samples.OriginalEn.Replace(
            "Original-Recipient: rfc822;bob@example.com\r\n",
            "Original-Recipient: rfc822;bob@example.com\r\nOriginal-Recipient: rfc822;robert@example.com\r\n", StringComparison.Ordinal);
        Assert.Null(Compose(twice, Disposition.SentByUser(DispositionType.Displayed)).Notification.OriginalRecipient);
    }

    [Fact]
    public void No_original_message_id_field_without_a_message_id()
    {
        // RFC 8098 §3.2.5: present if and only if the original had one.
        var noId = Samples.OriginalEn.Replace("Message-ID: <q4-report@example.org>\r\n", string.Empty, StringComparison.Ordinal);
        var mdn = Compose(noId, Disposition.SentByUser(DispositionType.Displayed));
        Assert.Null(mdn.Notification.OriginalMessageId);
        Assert.Null(mdn.Message.InReplyTo);
    }

    [Fact]
    public void Parts_are_text_then_notification_then_optional_headers()
    {
        var mdn = Samples.RoundTrip(Compose(Samples.OriginalEn, Disposition.SentByUser(DispositionType.Displayed), headers: true).Message);
        var report = Assert.IsType<MultipartReport>(mdn.Body);
        Assert.Equal("disposition-notification", report.ReportType);
        Assert.Equal(3, report.Count);
        Assert.True(report[0].ContentType.IsMimeType("text", "plain"));
        Assert.True(report[1].ContentType.IsMimeType("message", "disposition-notification"));
        Assert.True(report[2].ContentType.IsMimeType("text", "rfc822-headers"));
    }

    [Theory]
    [InlineData(DispositionType.Displayed, "en", "Read: ")]
    [InlineData(DispositionType.Deleted, "en", "Deleted: ")]
    [InlineData(DispositionType.Processed, "en", "Processed: ")]
    [InlineData(DispositionType.Displayed, "ja", "開封済み: ")]
    [InlineData(DispositionType.Deleted, "ja", "削除済み: ")]
    [InlineData(DispositionType.Processed, "ja", "処理済み: ")]
    public void Subject_names_the_disposition(DispositionType type, string language, string prefix)
    {
        var mdn = Compose(Samples.OriginalEn, Disposition.SentByUser(type), language);
        Assert.Equal(prefix + "Quarterly report", mdn.Message.Subject);
    }

    [Fact]
    public void Error_modifier_carries_error_fields()
    {
        var disposition = new Disposition(ActionMode.ManualAction, SendingMode.SentManually, DispositionType.Processed, ["error"]);
        var composed = MdnComposer.Compose(Samples.Load(Samples.OriginalEn), Bob, disposition,
            new MdnComposeOptions(Samples.MdnDate, Errors: ["attachment could not be opened"]));
        var parsed = MdnParser.TryParse(Samples.RoundTrip(composed.Message));
        Assert.NotNull(parsed);
        Assert.Equal(["attachment could not be opened"], parsed.Errors);
        Assert.True(parsed.Disposition.HasError);
    }

    [Fact]
    public void Compose_refuses_a_message_without_a_request()
    {
        var plain = Samples.OriginalEn.Replace("Disposition-Notification-To: Alice Sender <alice@example.org>\r\n", "Return-Receipt-To: alice@example.org\r\n", StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => Compose(plain, Disposition.SentByUser(DispositionType.Displayed)));
    }
}
