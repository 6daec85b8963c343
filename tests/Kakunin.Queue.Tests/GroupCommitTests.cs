namespace Kakunin.Queue.Tests;

public sealed class GroupCommitTests
{
    [Fact]
    public async Task Concurrent_submissions_are_all_durable_in_fewer_transactions()
    {
        await using var f = await QueueFixture.CreateAsync();
        var before = f.Store.Writer.TransactionsCommitted;
        var replies = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => Task.Run(() =>
            f.SubmitAsync(QueueFixture.Inbound, QueueFixture.From($"sender{i}@other.test"), QueueFixture.To("bob@example.com")))));
        var transactions = f.Store.Writer.TransactionsCommitted - before;

        Assert.All(replies, r => Assert.Equal(250, r.Code));
        Assert.True(transactions < 100, $"{transactions} transactions for 100 submissions");
        await f.ReopenAsync();
        Assert.Equal(100, (await f.Store.Queue.ListMessagesAsync(TestContext.Current.CancellationToken)).Count);
    }
}
