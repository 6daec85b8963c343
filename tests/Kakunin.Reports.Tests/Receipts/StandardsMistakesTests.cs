using Kakunin.Reports.Mdn;
using Kakunin.Reports.Receipts;
using Kakunin.Reports.Tests.Mdn;
using MimeKit;
using static Kakunin.Reports.Tests.Receipts.ReceiptTestMessages;

namespace Kakunin.Reports.Tests.Receipts;

/// <summary>One test per mistake listed in docs/standards.md, showing Kakunin does not make it.</summary>
public class StandardsMistakesTests
{
    [Fact]
    public void Mistake1_policy_sent_mdn_is_not_written_as_sent_manually()
    {
        var decision = Assert.IsType<SendAutomatically>(Decide(Message(), AlwaysEverywhere));
        Assert.Equal("manual-action/MDN-sent-automatically; displayed", decision.Disposition.ToString());
        Assert.Equal("manual-action/MDN-sent-manually; displayed", Disposition.SentByUser(DispositionType.Displayed).ToString());
    }

    [Fact]
    public void Mistake2_original_recipient_is_not_filled_from_to()
    {
        var mdn = MdnComposer.Compose(Message(), new MailboxAddress("Bob", "bob@example.com"),
            Disposition.SentByUser(DispositionType.Displayed), new MdnComposeOptions(Samples.MdnDate));
        Assert.Null(mdn.Notification.OriginalRecipient);
        Assert.DoesNotContain("Original-Recipient", Samples.Write(mdn.Message), StringComparison.Ordinal);
    }

    [Fact]
    public void Mistake3_mdn_envelope_sender_is_null()
    {
        var mdn = MdnComposer.Compose(Message(), new MailboxAddress("Bob", "bob@example.com"),
            Disposition.SentByUser(DispositionType.Displayed), new MdnComposeOptions(Samples.MdnDate));
        Assert.Equal(string.Empty, mdn.Envelope.ReversePath);
    }

    [Fact]
    public void Mistake4_return_receipt_to_is_not_a_request_and_never_added()
    {
        var legacy = Message(dnt: "", extra: "Return-Receipt-To: alice@example.com\r\nX-Confirm-Reading-To: alice@example.com\r\n");
        var request = ReadReceiptRequest.Detect(legacy);
        Assert.False(request.IsStandardRequest);
        Assert.True(request.IsLegacyOnly);
        Assert.Equal(["Return-Receipt-To", "X-Confirm-Reading-To"], request.LegacyHeaders.Select(h => h.Name));
        Assert.Equal(new DoNotSend(ReceiptReason.LegacyRequestOnly), Decide(legacy, AlwaysEverywhere));

        var mdn = MdnComposer.Compose(Message(), new MailboxAddress("Bob", "bob@example.com"),
            Disposition.SentByUser(DispositionType.Displayed), new MdnComposeOptions(Samples.MdnDate));
        Assert.False(mdn.Message.Headers.Contains("Return-Receipt-To"));
    }

    [Fact]
    public void Mistake5_return_path_compared_and_domain_taken_from_notification_address_not_from()
    {
        var neverOutside = new ReceiptPolicy(OutsideDomain: ReceiptChoice.Never, OtherCases: ReceiptChoice.Always);
        // Return-Path compared (only Thunderbird does).
        Assert.IsType<AskReader>(Decide(Message(returnPath: "bounce@example.com"), AlwaysEverywhere));
        // From inside, notification address outside: outside (SOGo looks at From).
        Assert.Equal(new DoNotSend(ReceiptReason.PolicyNever),
            Decide(Message(from: "carol@example.com", dnt: "spy@tracker.test", returnPath: "spy@tracker.test"), neverOutside));
        // From outside, notification address inside: inside.
        Assert.IsType<SendAutomatically>(
            Decide(Message(from: "partner@partner.test", dnt: "assistant@example.com", returnPath: "assistant@example.com"), neverOutside));
        // Substring is not a match (Thunderbird).
        Assert.Equal(new DoNotSend(ReceiptReason.PolicyNever),
            Decide(Message(dnt: "x@notexample.com", returnPath: "x@notexample.com"), neverOutside));
        Assert.Equal(new DoNotSend(ReceiptReason.PolicyNever),
            Decide(Message(dnt: "x@example.com.evil.test", returnPath: "x@example.com.evil.test"), neverOutside));
    }

    [Fact]
    public void Mistake6_deciding_does_not_mark_mdn_sent_and_seen_does_not_matter()
    {
        // The decision is pure: asking changes nothing, so the same question is asked until the
        // reader answers; then (and only then) the caller sets $MDNSent. \Seen is not an input.
        var context = Context(Message());
        Assert.IsType<AskReader>(ReceiptDecider.Decide(context));
        Assert.IsType<AskReader>(ReceiptDecider.Decide(context));
        Assert.IsType<DoNotSend>(ReceiptDecider.Decide(context with { MdnSent = true }));
    }

    [Fact]
    public void Mistake7_disposition_notification_options_are_handled()
    {
        var request = ReadReceiptRequest.Detect(Message(extra:
            "Disposition-Notification-Options: signed-receipt-protocol=optional,\"pkcs7-signature\";\r\n signed-receipt-micalg=required,sha1,md5\r\n"));
        Assert.Equal(2, request.Options.Count);
        Assert.Equal(new DispositionNotificationOption("signed-receipt-protocol", OptionImportance.Optional, ["pkcs7-signature"], false), request.Options[0]);
        Assert.Equal(new DispositionNotificationOption("signed-receipt-micalg", OptionImportance.Required, ["sha1", "md5"], false), request.Options[1]);
        Assert.True(request.Options[1].BlocksReceipt);
    }

    [Fact]
    public void Mistake8_displayed_anywhere_is_displayed_and_delete_after_answer_sends_nothing_more()
    {
        // A preview-pane display is a Displayed event like any other: the reader is asked.
        Assert.IsType<AskReader>(ReceiptDecider.Decide(Context(Message(), ev: ReceiptEvent.Displayed)));
        // Once answered ($MDNSent), deleting it does not produce a second MDN (RFC 8098 §2.1).
        Assert.Equal(new DoNotSend(ReceiptReason.AlreadyHandled),
            ReceiptDecider.Decide(Context(Message(), AlwaysEverywhere, mdnSent: true, ev: ReceiptEvent.DeletedUnread)));
    }
}
