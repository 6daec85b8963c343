using Kakunin.Protocol;
using Kakunin.Store;

namespace Kakunin.Queue.Tests;

/// <summary>
/// Local delivery at acceptance (docs/queue.md): ordinary mail for local users is in their mailbox when the 250 is
/// given, with the recipient's state, tracking and success DSN in the same single commit; reports and remote recipients
/// are left to the runner; the option off gives the two-commit path.
/// </summary>
public sealed class LocalAtAcceptanceTests
{
    private const string Alice = "alice@example.com";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ordinary_mail_to_a_local_user_is_in_the_mailbox_and_delivered_in_the_one_commit_that_accepts_it()
    {
        await using var f = await QueueFixture.CreateAsync();
        var before = f.Store.Writer.TransactionsCommitted;

        var result = await f.MailSubmission.SubmitAsync(
            Alice, Alice, [new NewQueueRecipient("bob@example.com", DsnNotify.Success)], QueueFixture.Content(Alice, "bob@example.com"), null, null, Ct);

        Assert.Equal(before + 1, f.Store.Writer.TransactionsCommitted); // no runner pass, no second commit
        var inbox = Assert.Single(await f.InboxAsync("bob@example.com"));
        Assert.StartsWith("Return-Path: <alice@example.com>\r\n", System.Text.Encoding.ASCII.GetString(inbox.Content.Span), StringComparison.Ordinal); // RFC 5321 §4.4
        // What the folder list shows (read from the header before the write, docs/queue.md): the message's own subject and sender.
        Assert.Equal("Contract|alice@example.com", await f.ScalarAsync(
            "SELECT m.subject || '|' || m.from_text FROM messages m JOIN folders fo ON fo.id = m.folder_id JOIN users u ON u.id = fo.user_id WHERE u.address = 'bob@example.com'"));
        var (_, recipients) = (await f.Store.Queue.FindAsync(result.QueueId, Ct))!.Value;
        Assert.Equal((RecipientState.Delivered, 1, true), (recipients[0].State, recipients[0].Attempts, recipients[0].SuccessDsnSent));
        Assert.Equal("delivered", (await f.TrackedAsync("bob@example.com")).State);
        // NOTIFY=SUCCESS (RFC 3461 §4.1): the success DSN was queued in the same commit; the runner is woken to deliver it.
        Assert.True(await f.Signal.WaitAsync(TimeSpan.Zero, Ct));
        await f.RunAsync();
        Assert.Single(await f.DsnsInInboxAsync(Alice));
        Assert.Single(await f.InboxAsync("bob@example.com")); // and the runner did not deliver it a second time
    }

    [Fact]
    public async Task Over_smtp_a_local_message_needs_no_runner_and_a_remote_one_beside_it_waits_for_the_runner()
    {
        await using var f = await QueueFixture.CreateAsync();

        var reply = await f.SubmitAsync(QueueFixture.Submission(Alice), QueueFixture.From(Alice), QueueFixture.To("bob@example.com"), QueueFixture.To("carol@remote.test"));

        Assert.Equal(250, reply.Code);
        Assert.Single(await f.InboxAsync("bob@example.com"));
        var open = await f.ScalarAsync("SELECT COUNT(*) FROM queue_recipients WHERE state = 'pending' AND address = 'carol@remote.test'");
        Assert.Equal(1L, open);
        await f.RunAsync();
        Assert.Single(f.Transport.Calls);
        Assert.Single(await f.InboxAsync("bob@example.com"));
    }

    [Fact]
    public async Task A_message_that_may_be_a_report_is_left_to_the_runner_which_inspects_it_first()
    {
        await using var f = await QueueFixture.CreateAsync();

        // From <> (RFC 5321 §4.5.5): a notification, which local delivery reads as a possible report before filing it.
        var reply = await f.SubmitAsync(QueueFixture.Inbound, QueueFixture.From(null), QueueFixture.To(Alice));

        Assert.Equal(250, reply.Code);
        Assert.Empty(await f.InboxAsync(Alice));
        Assert.Equal(1L, await f.ScalarAsync("SELECT COUNT(*) FROM queue_recipients WHERE state = 'pending'"));
        await f.RunAsync();
        Assert.Equal(0L, await f.ScalarAsync("SELECT COUNT(*) FROM queue_recipients WHERE state = 'pending'"));
    }

    [Fact]
    public async Task A_delivery_that_fails_in_the_acceptance_commit_is_rolled_back_alone_and_the_runner_delivers_it_later()
    {
        await using var f = await QueueFixture.CreateAsync();
        // Bob's Inbox refuses rows (as a damaged or full mailbox might): the local delivery throws inside its savepoint.
        const string bobsInbox = "(SELECT f.id FROM folders f JOIN users u ON u.id = f.user_id WHERE u.address = 'bob@example.com' AND f.name = 'Inbox')";
        await f.ExecuteAsync($"CREATE TRIGGER test_refuse_bob BEFORE INSERT ON messages WHEN NEW.folder_id = {bobsInbox} BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");

        var result = await f.MailSubmission.SubmitAsync(Alice, Alice, [new NewQueueRecipient("bob@example.com")], QueueFixture.Content(Alice, "bob@example.com"), null, null, Ct);

        // Accepted all the same: the queue row, Alice's Sent copy and tracking committed; Bob's delivery did not.
        Assert.NotNull(await f.Store.Queue.FindAsync(result.QueueId, Ct));
        Assert.Single(await f.Store.Mailboxes.ListAsync(Alice, MailFolders.Sent, Ct));
        Assert.Empty(await f.InboxAsync("bob@example.com"));
        Assert.Equal(1L, await f.ScalarAsync("SELECT COUNT(*) FROM queue_recipients WHERE state = 'pending' AND attempts = 0"));
        Assert.Equal("queued", (await f.TrackedAsync("bob@example.com")).State);
        Assert.True(await f.Signal.WaitAsync(TimeSpan.Zero, Ct)); // left to the runner, which is woken

        await f.ExecuteAsync("DROP TRIGGER test_refuse_bob");
        await f.RunAsync();
        Assert.Single(await f.InboxAsync("bob@example.com"));
        Assert.Equal("delivered", (await f.TrackedAsync("bob@example.com")).State);
    }

    [Fact]
    public async Task With_the_option_off_the_runner_delivers_in_a_second_commit()
    {
        await using var f = await QueueFixture.CreateAsync(new QueueOptions { HostName = "mx.example.com", DeliverLocalAtAcceptance = false });

        await f.MailSubmission.SubmitAsync(Alice, Alice, [new NewQueueRecipient("bob@example.com")], QueueFixture.Content(Alice, "bob@example.com"), null, null, Ct);

        Assert.Empty(await f.InboxAsync("bob@example.com"));
        await f.RunAsync();
        Assert.Single(await f.InboxAsync("bob@example.com"));
    }
}
