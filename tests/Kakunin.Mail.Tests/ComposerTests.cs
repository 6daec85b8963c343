using System.Text;
using Kakunin.Mail.Compose;
using Kakunin.Protocol;
using MimeKit;

namespace Kakunin.Mail.Tests;

public sealed class ComposerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.FromHours(9));
    private static readonly ComposeOptions Options = new("mail.example.test", Now, "m1@mail.example.test", "ENV1");
    private static readonly Sender Alice = new("alice@example.test", "Alice Example");

    private static ComposeRequest Request(string to = "Bob <bob@example.test>", string cc = "", string bcc = "", bool dsn = false, bool mdn = false) =>
        new(to, cc, bcc, "契約書の件", "こんにちは\nline two", dsn, mdn);

    [Fact]
    public void A_read_receipt_request_is_Disposition_Notification_To_the_sender_and_nothing_older()
    {
        var mail = MailComposer.Compose(Alice, Request(mdn: true), Options);
        var text = Encoding.ASCII.GetString(mail.Content);

        // RFC 8098 §2.1: the request is this one field; Return-Receipt-To is the non-standard one never added.
        Assert.Contains("\r\nDisposition-Notification-To: Alice Example <alice@example.test>\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Return-Receipt-To", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Disposition-Notification-To", Encoding.ASCII.GetString(MailComposer.Compose(Alice, Request(), Options).Content), StringComparison.Ordinal);
    }

    [Fact]
    public void A_delivery_receipt_asks_every_recipient_for_success_failure_and_delay_with_ORCPT_and_ENVID()
    {
        var mail = MailComposer.Compose(Alice, Request(cc: "carol@example.net", bcc: "dave@example.org; BOB@example.test", dsn: true), Options);

        Assert.Equal("ENV1", mail.EnvelopeId);
        Assert.Equal(["bob@example.test", "carol@example.net", "dave@example.org"], mail.Recipients.Select(r => r.Address));
        Assert.All(mail.Recipients, r => Assert.Equal(DsnNotify.Success | DsnNotify.Failure | DsnNotify.Delay, r.Notify));
        Assert.Equal(new TypedAddress("rfc822", "carol@example.net"), mail.Recipients[1].OriginalRecipient);
        Assert.All(MailComposer.Compose(Alice, Request(), Options).Recipients, r => Assert.Null(r.Notify)); // server default: FAILURE,DELAY
    }

    [Fact]
    public void Bcc_recipients_are_in_the_envelope_only_and_the_message_is_seven_bit()
    {
        var mail = MailComposer.Compose(Alice, Request(bcc: "secret@example.org"), Options);
        var text = Encoding.ASCII.GetString(mail.Content);

        Assert.Contains(mail.Recipients, r => r.Address == "secret@example.org");
        Assert.DoesNotContain("secret@example.org", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Bcc:", text, StringComparison.OrdinalIgnoreCase);
        Assert.True(Ascii.IsValid(mail.Content));
        Assert.Contains("\r\nMessage-Id: <m1@mail.example.test>\r\n", text, StringComparison.OrdinalIgnoreCase);

        var parsed = MimeMessage.Load(new MemoryStream(mail.Content));
        Assert.Equal("契約書の件", parsed.Subject);
        // RFC 2046 §4.1.1: CRLF line breaks inside the encoded text, whatever the person's browser sent.
        using var decoded = new MemoryStream();
        ((TextPart)parsed.Body!).Content?.DecodeTo(decoded);
        Assert.Equal("こんにちは\r\nline two", Encoding.UTF8.GetString(decoded.ToArray()));
        Assert.Equal(Now, parsed.Date);
    }

    [Fact]
    public void Attachments_make_a_multipart_mixed_message_with_safe_file_names()
    {
        var request = Request() with { Attachments = [new Attachment("C:\\Users\\a\\契約.pdf", "application/pdf", new byte[] { 1, 2, 3 })] };
        var parsed = MimeMessage.Load(new MemoryStream(MailComposer.Compose(Alice, request, Options).Content));

        Assert.True(parsed.Body?.ContentType.IsMimeType("multipart", "mixed"));
        var attachment = Assert.Single(parsed.Attachments.OfType<MimePart>());
        Assert.Equal("契約.pdf", attachment.FileName);
        using var bytes = new MemoryStream();
        attachment.Content?.DecodeTo(bytes);
        Assert.Equal([1, 2, 3], bytes.ToArray());
    }

    [Fact]
    public void No_recipient_or_a_broken_address_is_refused_with_the_piece_named()
    {
        Assert.Throws<ArgumentException>(() => MailComposer.Compose(Alice, Request(to: " "), Options));
        var e = Assert.Throws<ArgumentException>(() => MailComposer.Compose(Alice, Request(to: "bob@example.test, not an address"), Options));
        Assert.Contains("not an address", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a@example.test; b@example.test", 2, 0)]
    [InlineData("\"Doe, John\" <john@example.test>, c@example.test", 2, 0)]
    [InlineData("a@example.test, nonsense", 1, 1)]
    [InlineData("", 0, 0)]
    public void Address_fields_accept_what_people_type(string input, int valid, int invalid)
    {
        var (mailboxes, bad) = AddressInput.Parse(input);
        Assert.Equal(valid, mailboxes.Count);
        Assert.Equal(invalid, bad.Count);
    }
}
