using System.Text;
using Kakunin.Reports.Receipts;
using Kakunin.Store;
using MimeKit;

namespace Kakunin.Queue.Tests;

/// <summary>
/// ReadReceiptResponder: Bob reads a message from Alice that asks for a read receipt. The expected MDN fields
/// are written out by hand from RFC 8098 §3.2, not copied from output.
/// </summary>
public sealed class ReadReceiptResponderTests
{
    private const string Alice = "alice@example.com";
    private const string Bob = "bob@example.com";
    private static readonly ReceiptSettings AskAlways = new(ReceiptPolicy.Default);
    private static readonly ReceiptSettings SendAlways = new(new ReceiptPolicy(ReceiptChoice.Always, ReceiptChoice.Always, ReceiptChoice.Always));

    [Fact]
    public async Task By_default_the_reader_is_asked_and_a_click_sends_manual_action_MDN_sent_manually_from_the_null_reverse_path()
    {
        await using var f = await QueueFixture.CreateAsync();
        var responder = Responder(f);
        var id = await DeliverRequestAsync(f);

        var opened = await responder.OnDisplayedAsync(Bob, id, AskAlways, default);
        Assert.Equal(ReceiptOutcome.Ask, opened.Outcome);
        Assert.Equal([ReceiptReason.PolicyAsk], Assert.IsType<AskReader>(opened.Decision).Reasons);
        Assert.Empty(await f.QueuedDsnsAsync());
        Assert.False((await StoredAsync(f, id)).HasFlag(MessageFlags.MdnSent)); // not merely because a prompt was shown

        var sent = await responder.SendAsync(Bob, id, AskAlways, manual: true, default);

        Assert.Equal(ReceiptOutcome.Sent, sent.Outcome);
        Assert.True((await StoredAsync(f, id)).HasFlag(MessageFlags.MdnSent)); // RFC 3503
        var (queued, recipients) = (await f.Store.Queue.FindAsync(sent.QueueId!, default))!.Value;
        Assert.True(queued.HasNullReversePath);                                // RFC 8098 §3: MAIL FROM:<>
        Assert.True(queued.IsReport);
        Assert.Equal(Alice, Assert.Single(recipients).Address);                // to the Disposition-Notification-To address
        var mdn = await MdnOfAsync(f, queued);
        Assert.Equal("multipart/report", mdn.Body!.ContentType.MimeType);
        Assert.Equal("disposition-notification", mdn.Body.ContentType.Parameters["report-type"]);
        Assert.Equal(
            ["Reporting-UA: Kakunin", "Final-Recipient: rfc822;bob@example.com", "Original-Message-ID: <m1@example.com>", "Disposition: manual-action/MDN-sent-manually; displayed"],
            NotificationFields(mdn));
        Assert.Null(mdn.Headers["Auto-Submitted"]);               // the reader clicked: not an automatic response
        Assert.Null(mdn.Headers["Disposition-Notification-To"]);  // an MDN never asks for an MDN
        Assert.Equal("m1@example.com", mdn.InReplyTo);
    }

    [Fact]
    public async Task A_policy_of_always_sends_at_once_as_manual_action_MDN_sent_automatically()
    {
        await using var f = await QueueFixture.CreateAsync();
        var id = await DeliverRequestAsync(f, "Original-Recipient: rfc822;bob@example.com\n");

        var result = await Responder(f).OnDisplayedAsync(Bob, id, SendAlways, default);

        Assert.Equal(ReceiptOutcome.Sent, result.Outcome);
        Assert.IsType<SendAutomatically>(result.Decision);
        var mdn = await MdnOfAsync(f, Assert.Single(await f.QueuedDsnsAsync()));
        Assert.Equal(
            ["Reporting-UA: Kakunin", "Original-Recipient: rfc822;bob@example.com", "Final-Recipient: rfc822;bob@example.com", "Original-Message-ID: <m1@example.com>", "Disposition: manual-action/MDN-sent-automatically; displayed"],
            NotificationFields(mdn));                                    // §3.2.3: Original-Recipient only from that header
        Assert.Equal("auto-replied", mdn.Headers["Auto-Submitted"]);     // RFC 3834 §5
    }

    [Fact]
    public async Task Original_Recipient_is_never_made_up_from_To()
    {
        await using var f = await QueueFixture.CreateAsync();
        var id = await DeliverRequestAsync(f);

        await Responder(f).OnDisplayedAsync(Bob, id, SendAlways, default);

        var fields = NotificationFields(await MdnOfAsync(f, Assert.Single(await f.QueuedDsnsAsync())));
        Assert.DoesNotContain(fields, l => l.StartsWith("Original-Recipient", StringComparison.Ordinal)); // RFC 8098 §3.2.3
    }

    [Fact]
    public async Task A_policy_of_never_sends_nothing()
    {
        await using var f = await QueueFixture.CreateAsync();
        var id = await DeliverRequestAsync(f);

        var result = await Responder(f).OnDisplayedAsync(Bob, id, new ReceiptSettings(new ReceiptPolicy(ReceiptChoice.Never, ReceiptChoice.Never, ReceiptChoice.Never)), default);

        Assert.Equal(ReceiptOutcome.NotSent, result.Outcome);
        Assert.Equal(new DoNotSend(ReceiptReason.PolicyNever), result.Decision);
        Assert.Empty(await f.QueuedDsnsAsync());
    }

    [Fact]
    public async Task A_Return_Path_that_differs_from_the_notification_address_means_asking_even_with_always()
    {
        await using var f = await QueueFixture.CreateAsync();
        var id = await DeliverRequestAsync(f, notifyTo: "sales@example.com");

        var result = await Responder(f).OnDisplayedAsync(Bob, id, SendAlways, default);

        Assert.Equal(ReceiptOutcome.Ask, result.Outcome); // RFC 8098 §2.1: Return-Path <alice@…> vs sales@…
        Assert.Contains(ReceiptReason.ReturnPathMismatch, Assert.IsType<AskReader>(result.Decision).Reasons);
    }

    [Fact]
    public async Task Declining_sets_MDNSent_sends_nothing_and_is_never_asked_again()
    {
        await using var f = await QueueFixture.CreateAsync();
        var responder = Responder(f);
        var id = await DeliverRequestAsync(f);

        Assert.Equal(ReceiptOutcome.Declined, (await responder.DeclineAsync(Bob, id, default)).Outcome);

        Assert.True((await StoredAsync(f, id)).HasFlag(MessageFlags.MdnSent));
        var again = await responder.OnDisplayedAsync(Bob, id, AskAlways, default);
        Assert.Equal(ReceiptOutcome.AlreadyHandled, again.Outcome);
        Assert.Equal(ReceiptOutcome.AlreadyHandled, (await responder.SendAsync(Bob, id, AskAlways, manual: true, default)).Outcome);
        Assert.Empty(await f.QueuedDsnsAsync());
    }

    [Fact]
    public async Task Clicks_at_once_send_one_receipt()
    {
        await using var f = await QueueFixture.CreateAsync();
        var responder = Responder(f);
        var id = await DeliverRequestAsync(f);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => responder.SendAsync(Bob, id, AskAlways, manual: true, default))));

        Assert.Equal([ReceiptOutcome.Sent, ReceiptOutcome.AlreadyHandled, ReceiptOutcome.AlreadyHandled, ReceiptOutcome.AlreadyHandled], results.Select(r => r.Outcome).Order());
        Assert.Single(await f.QueuedDsnsAsync());
    }

    [Fact]
    public async Task Never_for_a_message_in_Sent()
    {
        await using var f = await QueueFixture.CreateAsync();
        var submitted = await f.MailSubmission.SubmitAsync(Alice, Alice, [new NewQueueRecipient(Bob)], Request(Alice), null, null, default);

        var result = await Responder(f).SendAsync(Alice, submitted.SentMessageId!.Value, SendAlways, manual: true, default);

        Assert.Equal(new DoNotSend(ReceiptReason.OwnMessageFolder), result.Decision);
        Assert.Equal(ReceiptOutcome.NotSent, result.Outcome);
    }

    [Fact]
    public async Task Deleting_unread_sends_deleted_only_when_the_policy_allows()
    {
        await using var f = await QueueFixture.CreateAsync();
        var responder = Responder(f);
        var off = await DeliverRequestAsync(f);
        var on = await DeliverRequestAsync(f);
        var read = await DeliverRequestAsync(f);
        await f.Store.Mailboxes.SetFlagsAsync(read, MessageFlags.Seen, default);
        var allow = new ReceiptSettings(new ReceiptPolicy(ReceiptChoice.Always, ReceiptChoice.Always, ReceiptChoice.Always, SendOnDeleteUnread: true));

        Assert.Equal(new DoNotSend(ReceiptReason.DeleteNotificationsOff), (await responder.OnDeleteUnreadAsync(Bob, off, SendAlways, default)).Decision);
        Assert.Equal(ReceiptOutcome.NotSent, (await responder.OnDeleteUnreadAsync(Bob, read, allow, default)).Outcome);
        Assert.Equal(ReceiptOutcome.Sent, (await responder.OnDeleteUnreadAsync(Bob, on, allow, default)).Outcome);
        Assert.Equal(ReceiptOutcome.NotSent, (await responder.OnDeleteUnreadAsync(Bob, off, new ReceiptSettings(ReceiptPolicy.Default with { SendOnDeleteUnread = true }), default)).Outcome); // would need asking: nobody can be

        var mdn = await MdnOfAsync(f, Assert.Single(await f.QueuedDsnsAsync()));
        Assert.Contains("Disposition: manual-action/MDN-sent-automatically; deleted", NotificationFields(mdn)); // RFC 8098 §3.2.6
    }

    [Fact]
    public async Task The_receipt_reaches_the_sender_and_her_tracking_shows_it_read()
    {
        await using var f = await QueueFixture.CreateAsync();
        var id = await DeliverRequestAsync(f);

        await Responder(f).SendAsync(Bob, id, AskAlways, manual: true, default);
        await f.RunAsync();

        var receipt = Assert.Single(await f.InboxAsync(Alice));
        Assert.StartsWith("Return-Path: <>\r\n", Encoding.ASCII.GetString(receipt.Content.Span), StringComparison.Ordinal);
        var bob = await f.TrackedAsync(Bob);
        Assert.Equal(("delivered", "displayed", $"message:{receipt.Id}"), (bob.State, bob.ReadState, await f.ScalarAsync("SELECT read_evidence FROM tracking_recipients WHERE address = $a", ("$a", Bob))));
    }

    private static ReadReceiptResponder Responder(QueueFixture f) => new(f.Store, f.MailSubmission, f.Time);

    private static byte[] Request(string notifyTo, string extra = "") => QueueFixture.Crlf(
        $"From: Alice <alice@example.com>\nTo: Bob <bob@example.com>\nSubject: Contract\nMessage-ID: <m1@example.com>\nDate: Sat, 1 Mar 2025 09:00:00 +0000\n" +
        $"Disposition-Notification-To: {notifyTo}\n{extra}\nPlease sign.\n");

    /// <summary>Alice sends Bob a message asking for a read receipt; returns Bob's stored copy.</summary>
    private static async Task<long> DeliverRequestAsync(QueueFixture f, string extra = "", string notifyTo = Alice)
    {
        await f.MailSubmission.SubmitAsync(Alice, Alice, [new NewQueueRecipient(Bob)], Request(notifyTo, extra), null, null, default);
        await f.RunAsync();
        return (await f.InboxAsync(Bob))[^1].Id;
    }

    private static async Task<StoredMessage> StoredAsync(QueueFixture f, long id) => (await f.Store.Mailboxes.GetAsync(Bob, id, default))!;

    private static async Task<MimeMessage> MdnOfAsync(QueueFixture f, QueueMessageRecord queued) =>
        MimeMessage.Load(new MemoryStream(await f.Store.Queue.GetContentAsync(queued.Id, default)));

    /// <summary>The lines of the message/disposition-notification part, as sent.</summary>
    private static List<string> NotificationFields(MimeMessage mdn)
    {
        var part = Assert.IsType<MessageDispositionNotification>(Assert.IsType<MultipartReport>(mdn.Body)[1]);
        using var text = new MemoryStream();
        part.Content!.DecodeTo(text);
        return [.. Encoding.ASCII.GetString(text.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries)];
    }
}
