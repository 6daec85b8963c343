using Kakunin.Store.Imap;
using static Kakunin.Store.Tests.Imap.ImapStoreData;

namespace Kakunin.Store.Tests.Imap;

/// <summary>STORE over a set of messages in one statement (docs/imap-store.md): MODSEQs, UNCHANGEDSINCE, \Seen, durability.</summary>
public sealed class FlagStoreTests
{
    [Fact]
    public async Task A_store_over_a_set_gives_each_changed_message_its_own_modseq_and_skips_the_one_changed_since()
    {
        await using var t = await TempStore.OpenAsync();
        var bob = await UserAsync(t);
        var ids = new List<long>();
        for (var i = 1; i <= 5; i++)
        {
            ids.Add(await DeliverAsync(t, bob, "Inbox", "m" + i));
        }

        var open = (await t.Store.Imap.OpenAsync(bob, "Inbox", Ct))!;
        await t.Store.Mailboxes.SetSeenAsync("bob@example.com", ids[2], true, Ct); // UID 3 changes after the client looked

        var result = (await t.Store.Imap.StoreFlagsAsync(bob, open.FolderId, [1, 2, 3, 4, 5], FlagOperation.Add, ["\\Flagged", "\\seen"], open.HighestModSeq, Ct))!;

        // Counted by hand: an empty folder is at 1; five deliveries 2..6; the webmail's \Seen 7; then one value per
        // changed message (RFC 7162 §3.1: each change a new, higher MODSEQ): 8..11 for UIDs 1, 2, 4, 5.
        Assert.Equal(6ul, open.HighestModSeq);
        Assert.Equal([3u], result.Modified);
        Assert.Equal([1u, 2u, 4u, 5u], result.Changed.Select(c => c.Uid));
        Assert.Equal([8ul, 9ul, 10ul, 11ul], result.Changed.Select(c => c.ModSeq).Order());
        Assert.All(result.Changed, c => Assert.Equal(["\\Flagged", "\\Seen"], c.Flags));

        // What a session learns afterwards matches what the STORE answered, message by message.
        var changes = (await t.Store.Imap.GetChangesAsync(bob, open.FolderId, 7, Ct))!;
        Assert.Equal(result.Changed.Select(c => (c.Uid, c.ModSeq)), changes.Changed.Select(c => (c.Uid, c.ModSeq)));
        Assert.Equal(11ul, changes.HighestModSeq);
        Assert.Equal("\\Flagged \\Seen", await StoredFlagsAsync(t, ids[0]));
        Assert.Equal("\\Seen", await StoredFlagsAsync(t, ids[2]));

        // The seen column followed \Seen for every message of the set (the webmail's unread count).
        Assert.Equal(0, (await t.Store.Imap.OpenAsync(bob, "Inbox", Ct))!.Unseen);

        // Without UNCHANGEDSINCE the skipped message is flagged now (12); the same STORE once more changes nothing.
        var late = (await t.Store.Imap.StoreFlagsAsync(bob, open.FolderId, [1, 2, 3, 4, 5], FlagOperation.Add, ["\\Flagged"], null, Ct))!;
        Assert.Equal([(3u, 12ul)], late.Changed.Select(c => (c.Uid, c.ModSeq)));
        var again = (await t.Store.Imap.StoreFlagsAsync(bob, open.FolderId, [1, 2, 3, 4, 5], FlagOperation.Add, ["\\Flagged"], null, Ct))!;
        Assert.Empty(again.Changed);
        Assert.Equal(12ul, (await t.Store.Imap.OpenAsync(bob, "Inbox", Ct))!.HighestModSeq);

        // Removing over the set (names compare without regard to case): every message changes, 13..17.
        var removed = (await t.Store.Imap.StoreFlagsAsync(bob, open.FolderId, [1, 2, 3, 4, 5], FlagOperation.Remove, ["\\FLAGGED"], null, Ct))!;
        Assert.Equal([1u, 2u, 3u, 4u, 5u], removed.Changed.Select(c => c.Uid));
        Assert.All(removed.Changed, c => Assert.Equal(["\\Seen"], c.Flags));
        Assert.Equal([13ul, 14ul, 15ul, 16ul, 17ul], removed.Changed.Select(c => c.ModSeq).Order());
    }

    [Fact]
    public async Task Flag_changes_commit_without_an_fsync_and_the_next_write_is_durable_again()
    {
        await using var t = await TempStore.OpenAsync();

        // PRAGMA synchronous: 1 = NORMAL (written to the WAL, not fsynced), 2 = FULL.
        Assert.Equal(1, await t.Store.Writer.WriteWithoutFsyncAsync(tx => tx.ScalarInt64("PRAGMA synchronous"), Ct));
        Assert.Equal(2, await t.Store.Writer.WriteAsync(tx => tx.ScalarInt64("PRAGMA synchronous"), Ct));
        Assert.Equal(2, await t.Store.Writer.WriteAsync(tx => tx.ScalarInt64("PRAGMA synchronous"), Ct));
    }

    [Fact]
    public async Task A_flag_change_committed_without_an_fsync_is_there_after_the_store_is_opened_again()
    {
        await using var t = await TempStore.OpenAsync();
        var bob = await UserAsync(t);
        var id = await DeliverAsync(t, bob, "Inbox", "a");
        var open = (await t.Store.Imap.OpenAsync(bob, "Inbox", Ct))!;
        await t.Store.Imap.StoreFlagsAsync(bob, open.FolderId, [1], FlagOperation.Add, ["\\Answered"], null, Ct);

        await t.ReopenAsync();

        Assert.Equal("\\Answered", await StoredFlagsAsync(t, id));
    }

    private static async Task<string> StoredFlagsAsync(TempStore t, long id)
    {
        await using var connection = await t.Store.OpenReadConnectionAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT flags FROM messages WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return (string)(await command.ExecuteScalarAsync(Ct))!;
    }
}
