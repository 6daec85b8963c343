using Microsoft.Data.Sqlite;

namespace Kakunin.Store.Tests;

/// <summary>
/// WAL checkpoints beside the writer (docs/storage.md, "Checkpoints"): the WAL file must stay bounded while commits never
/// pause, nothing committed may be lost, and the side connection's checkpoints must not look like another process's
/// commits.
/// </summary>
public sealed class CheckpointTests : IAsyncDisposable
{
    private const int ContentBytes = 64 * 1024;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "kakunin-checkpoint-" + Guid.NewGuid().ToString("N"));

    private static NewQueueMessage Message(int i) => new(
        $"C{i:D5}", "alice@example.test", [new NewQueueRecipient("bob@example.com")],
        Content(i), DateTimeOffset.UnixEpoch.AddSeconds(i));

    private static byte[] Content(int i)
    {
        var bytes = new byte[ContentBytes];
        new Random(i).NextBytes(bytes); // incompressible, and different per message
        return bytes;
    }

    [Fact]
    public async Task The_WAL_stays_small_while_commits_come_back_to_back_and_every_message_survives_a_reopen()
    {
        var ct = TestContext.Current.CancellationToken;
        var options = new StoreOptions { PasswordIterations = 1000, CheckpointInterval = TimeSpan.FromMilliseconds(10), CheckpointCatchUpFrames = 256 };
        const int count = 200; // 200 × 64 KiB = 12.5 MiB of frames: the WAL would reach that without the writer's catch-up
        long walBytes;
        await using (var store = await KakuninStore.OpenAsync(_folder, options, ct))
        {
            for (var i = 0; i < count; i++)
            {
                await store.Queue.EnqueueAsync(Message(i), ct);
            }

            walBytes = new FileInfo(Path.Combine(_folder, options.DatabaseFileName + "-wal")).Length;
            var (background, byWriter) = store.Writer.Checkpoints;
            Assert.True(background > 0, "no checkpoint ran beside the writer");
            Assert.True(byWriter > 0, "the writer never finished a checkpoint, so the WAL never started over");
        }

        // 256 frames of 4 KiB is 1 MiB; what the writer adds before its catch-up is a few commits of 64 KiB.
        Assert.True(walBytes < 4 * 1024 * 1024, $"WAL grew to {walBytes / 1024} KiB");

        SqliteConnection.ClearAllPools();
        await using var reopened = await KakuninStore.OpenAsync(_folder, options, ct);
        Assert.Equal(count, (await reopened.Queue.ListMessagesAsync(ct)).Count);
        foreach (var i in new[] { 0, 99, count - 1 })
        {
            var (message, _) = (await reopened.Queue.FindAsync($"C{i:D5}", ct))!.Value;
            Assert.Equal(Content(i), await reopened.Queue.GetContentAsync(message.Id, ct));
        }
    }

    [Fact]
    public async Task Checkpoints_on_the_side_connection_are_not_taken_for_another_process_writing()
    {
        var ct = TestContext.Current.CancellationToken;
        var options = new StoreOptions { PasswordIterations = 1000, CheckpointInterval = TimeSpan.FromMilliseconds(5), CheckpointCatchUpFrames = 64, ExternalCommitPoll = TimeSpan.FromMilliseconds(20) };
        await using var store = await KakuninStore.OpenAsync(_folder, options, ct);
        var external = 0;
        using var subscription = store.Changes.SubscribeExternal(() => Interlocked.Increment(ref external));
        for (var i = 0; i < 40; i++)
        {
            await store.Queue.EnqueueAsync(Message(i), ct);
            await Task.Delay(10, ct); // idle moments: the writer looks for other writers and the checkpointer runs
        }

        Assert.True(store.Writer.Checkpoints.Background > 0);
        Assert.Equal(0, Volatile.Read(ref external));
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }

        return ValueTask.CompletedTask;
    }
}
