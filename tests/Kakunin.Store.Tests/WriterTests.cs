using Kakunin.Protocol;

namespace Kakunin.Store.Tests;

public sealed class WriterTests
{
    private static NewQueueMessage Message(int i) => new(
        $"Q{i:D4}", $"s{i}@other.test", [new NewQueueRecipient("bob@example.com", DsnNotify.Success | DsnNotify.Delay, "rfc822;bob@example.com", new TypedAddress("rfc822", "bob@example.com"))],
        new byte[] { 1, 2, 3 }, DateTimeOffset.UnixEpoch.AddDays(i), EnvelopeId: $"env{i}", Return: DsnReturn.Full);

    [Fact]
    public async Task Group_commit_makes_100_concurrent_writes_durable_in_fewer_transactions()
    {
        await using var t = await TempStore.OpenAsync();
        var before = t.Store.Writer.TransactionsCommitted;
        await Task.WhenAll(Enumerable.Range(0, 100).Select(i => Task.Run(() => t.Store.Queue.EnqueueAsync(Message(i), TestContext.Current.CancellationToken))));
        var transactions = t.Store.Writer.TransactionsCommitted - before;
        Assert.True(transactions < 100, $"{transactions} transactions");

        await t.ReopenAsync();
        var found = await t.Store.Queue.FindAsync("Q0042", TestContext.Current.CancellationToken);
        Assert.NotNull(found);
        var (message, recipients) = found.Value;
        Assert.Equal("env42", message.EnvelopeId);
        Assert.Equal(DsnReturn.Full, message.Return);
        var r = Assert.Single(recipients);
        Assert.Equal(DsnNotify.Success | DsnNotify.Delay, r.Notify);
        Assert.Equal("rfc822;bob@example.com", r.OriginalRecipientParameter);
        Assert.Equal(RecipientState.Pending, r.State);
        Assert.Equal(100, (await t.Store.Queue.ListMessagesAsync(TestContext.Current.CancellationToken)).Count);
    }

    [Fact]
    public async Task A_failing_unit_fails_alone_and_the_rest_of_its_batch_commits()
    {
        await using var t = await TempStore.OpenAsync();
        var ct = TestContext.Current.CancellationToken;
        var good = t.Store.Queue.EnqueueAsync(Message(1), ct);
        var duplicate = t.Store.Queue.EnqueueAsync(Message(1), ct); // same queue id: UNIQUE violation
        var other = t.Store.Queue.EnqueueAsync(Message(2), ct);
        await good;
        await other;
        await Assert.ThrowsAnyAsync<Exception>(() => duplicate);
        Assert.Equal(2, (await t.Store.Queue.ListMessagesAsync(ct)).Count);
    }

    [Fact]
    public async Task The_writer_keeps_its_statement_journals_in_memory_and_readers_keep_the_default()
    {
        // Each unit runs in a savepoint; SQLite's statement journal for it spilled into a new temporary file per message
        // (open, writes, unlink, close on the path to the 250): in memory on the writer (2 = MEMORY), untouched elsewhere.
        await using var t = await TempStore.OpenAsync();
        var ct = TestContext.Current.CancellationToken;
        var writer = await t.Store.Writer.WriteAsync(tx => tx.ScalarInt64("PRAGMA temp_store"), ct);
        Assert.Equal(2, writer);

        await using var reader = await t.Store.OpenReadConnectionAsync(ct);
        using var command = reader.CreateCommand();
        command.CommandText = "PRAGMA temp_store";
        Assert.Equal(0L, Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture));
    }
}
