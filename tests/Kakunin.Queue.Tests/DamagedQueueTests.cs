using Kakunin.Store;

namespace Kakunin.Queue.Tests;

/// <summary>A queued message whose bytes no longer match their checksum (docs/storage.md) is held apart, not sent, and holds up nothing else.</summary>
public sealed class DamagedQueueTests
{
    [Fact]
    public async Task A_damaged_queued_message_is_held_apart_and_the_others_go()
    {
        await using var f = await QueueFixture.CreateAsync();
        await f.SubmitAsync(QueueFixture.Submission("alice@example.com"), QueueFixture.From("alice@example.com"), QueueFixture.To("y@elsewhere.test"));
        await f.SubmitAsync(QueueFixture.Submission("alice@example.com"), QueueFixture.From("alice@example.com"), QueueFixture.To("z@other.test"));
        var messages = await f.Store.Queue.ListMessagesAsync(TestContext.Current.CancellationToken);
        var damaged = messages[0];
        // A byte changed under the store, as a disk would: the bytes no longer match the checksum written with them.
        await f.ExecuteAsync("UPDATE queue_messages SET content = CAST('changed' || CAST(content AS TEXT) AS BLOB) WHERE id = $id", ("$id", damaged.Id));

        await f.RunAsync(); // does not throw: the damage ends that job only

        var call = Assert.Single(f.Transport.Calls);
        Assert.Equal("other.test", call.Domain);
        for (var i = 0; i < 100 && (string?)await f.ScalarAsync("SELECT state FROM queue_messages WHERE id = $id", ("$id", damaged.Id)) != "damaged"; i++)
        {
            await Task.Delay(20);
        }

        Assert.Equal("damaged", await f.ScalarAsync("SELECT state FROM queue_messages WHERE id = $id", ("$id", damaged.Id)));
        await f.RunAsync();
        Assert.Single(f.Transport.Calls); // never fetched again
        var (_, recipients) = (await f.Store.Queue.FindAsync(damaged.QueueId, TestContext.Current.CancellationToken))!.Value;
        Assert.Equal(RecipientState.Pending, Assert.Single(recipients).State); // kept as it was, for the administrator
    }
}
