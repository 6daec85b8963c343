using Kakunin.Protocol;
using Kakunin.Store;

namespace Kakunin.Queue.Tests;

public sealed class RecoveryTests
{
    [Fact]
    public async Task After_an_interrupted_run_and_a_reopen_nothing_is_delivered_or_reported_twice()
    {
        await using var f = await QueueFixture.CreateAsync();
        // Message 1: local, SUCCESS asked. Message 2: remote. The run dies in the transport on message 2.
        await f.SubmitAsync(QueueFixture.Submission("alice@example.com"), QueueFixture.From("alice@example.com"), QueueFixture.To("bob@example.com", DsnNotify.Success));
        await f.SubmitAsync(QueueFixture.Submission("alice@example.com"), QueueFixture.From("alice@example.com"), QueueFixture.To("y@elsewhere.test", DsnNotify.Success));
        f.Transport.Throw = new OperationCanceledException("process killed");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(f.RunAsync);

        await f.ReopenAsync();
        f.Transport.Throw = null;
        await f.RunAsync();
        await f.RunAsync();

        Assert.Single(await f.InboxAsync("bob@example.com"));
        var dsn = Assert.Single(await f.DsnsInInboxAsync("alice@example.com"));
        Assert.Equal("bob@example.com", Assert.Single(dsn.Recipients).FinalRecipient.Address);
        Assert.Equal(2, f.Transport.Calls.Count); // the remote one was tried again: at-least-once
        Assert.Equal(0, await f.Store.Queue.CountOpenRecipientsAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Accepted_mail_survives_a_reopen_and_is_delivered_after_it()
    {
        await using var f = await QueueFixture.CreateAsync();
        await f.SubmitAsync(QueueFixture.Inbound, QueueFixture.From("x@other.test"), QueueFixture.To("carol@example.com", DsnNotify.Failure));
        await f.ReopenAsync();
        await f.RunAsync();
        var message = Assert.Single(await f.InboxAsync("carol@example.com"));
        Assert.NotNull(message.QueueRecipientId);
        Assert.Equal(RecipientState.Delivered, Assert.Single((await f.Store.Queue.FindAsync((await f.Store.Queue.ListMessagesAsync(TestContext.Current.CancellationToken))[0].QueueId, TestContext.Current.CancellationToken))!.Value.Recipients).State);
    }
}
