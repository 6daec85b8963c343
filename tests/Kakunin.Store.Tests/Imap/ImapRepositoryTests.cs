using Kakunin.Store.Imap;
using static Kakunin.Store.Tests.Imap.ImapStoreData;

namespace Kakunin.Store.Tests.Imap;

/// <summary>The IMAP repository over a real store file: changes since a MODSEQ, copy/move, expunge, folders.</summary>
public sealed class ImapRepositoryTests
{
    [Fact]
    public async Task Changes_since_a_modseq_list_new_and_reflagged_messages_and_the_expunged_uids()
    {
        await using var t = await TempStore.OpenAsync();
        var bob = await UserAsync(t);
        var a = await DeliverAsync(t, bob, "Inbox", "a");
        await DeliverAsync(t, bob, "Inbox", "b");
        var open = (await t.Store.Imap.OpenAsync(bob, "Inbox", Ct))!;
        Assert.Equal([1u, 2u], open.Uids);
        Assert.Equal(2, open.Unseen);
        Assert.Equal(1u, open.FirstUnseenUid);

        await t.Store.Mailboxes.SetSeenAsync("bob@example.com", a, true, Ct);
        await DeliverAsync(t, bob, "Inbox", "c");
        await t.Store.Imap.StoreFlagsAsync(bob, open.FolderId, [2], FlagOperation.Add, ["\\Deleted"], null, Ct);
        Assert.Equal([2u], await t.Store.Imap.ExpungeAsync(bob, open.FolderId, null, Ct));

        var changes = (await t.Store.Imap.GetChangesAsync(bob, open.FolderId, open.HighestModSeq, Ct))!;
        Assert.Equal([1u, 3u], changes.Changed.Select(c => c.Uid));
        Assert.Equal(["\\Seen"], changes.Changed[0].Flags);
        Assert.Equal([2u], changes.Expunged);
        Assert.Equal(4u, changes.UidNext);
        // Counted by hand: an empty folder is at 1; two deliveries 2, 3; \Seen 4; delivery 5; \Deleted 6; expunge 7.
        Assert.Equal(3ul, open.HighestModSeq);
        Assert.Equal([4ul, 5ul], changes.Changed.Select(c => c.ModSeq));
        Assert.Equal(7ul, changes.HighestModSeq);

        // Another user's folder id is no folder at all.
        var eve = await UserAsync(t, "eve");
        Assert.Null(await t.Store.Imap.GetChangesAsync(eve, open.FolderId, 0, Ct));
        Assert.Null(await t.Store.Imap.StoreFlagsAsync(eve, open.FolderId, [1], FlagOperation.Add, ["\\Deleted"], null, Ct));
    }

    [Fact]
    public async Task A_copy_shares_the_stored_bytes_and_a_move_keeps_the_row_with_a_new_uid()
    {
        await using var t = await TempStore.OpenAsync();
        var bob = await UserAsync(t);
        var id = await DeliverAsync(t, bob, "Inbox", "a", "\\Seen");
        await t.Store.Imap.CreateFolderAsync(bob, "Archive/2024", Ct);
        var inbox = (await t.Store.Imap.OpenAsync(bob, "Inbox", Ct))!;

        var copy = (await t.Store.Imap.CopyAsync(bob, inbox.FolderId, [1], "Archive/2024", move: false, Ct))!;
        Assert.Equal([1u], copy.TargetUids);
        Assert.Equal(1, await ScalarAsync(t, "SELECT COUNT(*) FROM message_contents"));
        Assert.Equal(2, await ScalarAsync(t, "SELECT COUNT(DISTINCT id) FROM messages"));

        var move = (await t.Store.Imap.CopyAsync(bob, inbox.FolderId, [1], "Archive/2024", move: true, Ct))!;
        Assert.Equal([2u], move.TargetUids);
        Assert.Equal((await FolderAsync(t, bob, "Archive/2024")).UidValidity, move.TargetUidValidity);
        Assert.Equal(2, (await UidOfAsync(t, id)).Uid); // the same row, now in the archive
        Assert.Equal([1u], (await t.Store.Imap.GetChangesAsync(bob, inbox.FolderId, inbox.HighestModSeq, Ct))!.Expunged);
        Assert.Null(await t.Store.Imap.CopyAsync(bob, inbox.FolderId, [1], "Nowhere", move: false, Ct));

        // Deleting the archive's copies releases the bytes only with the last of them.
        await t.Store.Imap.StoreFlagsAsync(bob, (await t.Store.Imap.OpenAsync(bob, "Archive/2024", Ct))!.FolderId, [1, 2], FlagOperation.Add, ["\\deleted"], null, Ct);
        Assert.Equal(FolderChangeResult.Done, await t.Store.Imap.DeleteFolderAsync(bob, "Archive/2024", Ct));
        Assert.Equal(0, await ScalarAsync(t, "SELECT COUNT(*) FROM message_contents"));
    }

    [Fact]
    public async Task Folders_are_created_with_parents_renamed_with_children_and_defaults_are_kept()
    {
        await using var t = await TempStore.OpenAsync();
        var bob = await UserAsync(t);
        Assert.Equal(FolderChangeResult.Done, await t.Store.Imap.CreateFolderAsync(bob, "a/b/c", Ct));
        Assert.Equal(FolderChangeResult.AlreadyExists, await t.Store.Imap.CreateFolderAsync(bob, "a/b", Ct));
        Assert.Equal(FolderChangeResult.NotAllowed, await t.Store.Imap.CreateFolderAsync(bob, "x//y", Ct));
        Assert.Equal(FolderChangeResult.NotAllowed, await t.Store.Imap.DeleteFolderAsync(bob, "a", Ct)); // has children
        Assert.Equal(FolderChangeResult.NotAllowed, await t.Store.Imap.DeleteFolderAsync(bob, "Sent", Ct));
        Assert.Equal(FolderChangeResult.NotAllowed, await t.Store.Imap.RenameFolderAsync(bob, "Trash", "Bin", Ct));

        var validity = (await FolderAsync(t, bob, "a/b")).UidValidity;
        Assert.Equal(FolderChangeResult.Done, await t.Store.Imap.RenameFolderAsync(bob, "a", "z/a", Ct));
        var names = (await t.Store.Imap.ListFoldersAsync(bob, Ct)).Select(f => f.Name).ToList();
        Assert.Contains("z", names);
        Assert.Contains("z/a/b/c", names);
        Assert.DoesNotContain("a/b", names);
        Assert.Equal(validity, (await FolderAsync(t, bob, "z/a/b")).UidValidity); // renamed, not recreated (as Dovecot)

        // Renaming the Inbox moves its messages and leaves it, empty.
        await DeliverAsync(t, bob, "Inbox", "old");
        Assert.Equal(FolderChangeResult.Done, await t.Store.Imap.RenameFolderAsync(bob, "Inbox", "Old Inbox", Ct));
        Assert.Empty((await t.Store.Imap.OpenAsync(bob, "Inbox", Ct))!.Uids);
        var moved = (await t.Store.Imap.OpenAsync(bob, "Old Inbox", Ct))!;
        Assert.Equal([1u], moved.Uids);

        Assert.Equal(FolderChangeResult.Done, await t.Store.Imap.SetSubscribedAsync(bob, "z", false, Ct));
        Assert.False((await t.Store.Imap.ListFoldersAsync(bob, Ct)).Single(f => f.Name == "z").Subscribed);
    }

    [Fact]
    public async Task Store_with_unchangedsince_leaves_a_message_changed_since_and_reports_it()
    {
        await using var t = await TempStore.OpenAsync();
        var bob = await UserAsync(t);
        await DeliverAsync(t, bob, "Inbox", "a");
        var id = await DeliverAsync(t, bob, "Inbox", "b");
        var open = (await t.Store.Imap.OpenAsync(bob, "Inbox", Ct))!;
        await t.Store.Mailboxes.SetSeenAsync("bob@example.com", id, true, Ct); // message 2 changes after the client looked

        var result = (await t.Store.Imap.StoreFlagsAsync(bob, open.FolderId, [1, 2], FlagOperation.Add, ["\\Flagged", "\\Recent"], open.HighestModSeq, Ct))!;

        Assert.Equal([2u], result.Modified);
        var changed = Assert.Single(result.Changed);
        Assert.Equal(1u, changed.Uid);
        Assert.Equal(["\\Flagged"], changed.Flags); // \Recent is never stored
        Assert.Equal("\\Seen", await FlagsAsync(t, id));
    }

    [Fact]
    public async Task The_mdnsent_test_and_set_has_one_winner_between_imap_and_the_webmail()
    {
        await using var t = await TempStore.OpenAsync();
        var bob = await UserAsync(t);
        for (var round = 0; round < 20; round++)
        {
            var id = await DeliverAsync(t, bob, "Inbox", "r" + round);
            var folder = (await t.Store.Imap.OpenAsync(bob, "Inbox", Ct))!;
            var uid = (uint)(await UidOfAsync(t, id)).Uid;
            var imap1 = Task.Run(() => t.Store.Imap.StoreFlagsAsync(bob, folder.FolderId, [uid], FlagOperation.Add, ["$MDNSent"], null, Ct), Ct);
            var imap2 = Task.Run(() => t.Store.Imap.StoreFlagsAsync(bob, folder.FolderId, [uid], FlagOperation.Add, ["$mdnsent"], null, Ct), Ct);
            var web = Task.Run(() => t.Store.Mailboxes.TryAddFlagAsync("bob@example.com", id, MessageFlags.MdnSent, Ct), Ct);
            var winners = ((await imap1)!.Changed.Count) + ((await imap2)!.Changed.Count) + (await web ? 1 : 0);
            Assert.Equal(1, winners);
        }
    }

    private static async Task<string> FlagsAsync(TempStore t, long id)
    {
        await using var connection = await t.Store.OpenReadConnectionAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT flags FROM messages WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return (string)(await command.ExecuteScalarAsync(Ct))!;
    }
}
