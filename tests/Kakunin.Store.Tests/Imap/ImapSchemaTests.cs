using Microsoft.Data.Sqlite;
using static Kakunin.Store.Tests.Imap.ImapStoreData;

namespace Kakunin.Store.Tests.Imap;

/// <summary>Migration 10 (docs/imap-store.md): UIDs, UIDVALIDITY and MODSEQs, and the triggers that keep them on every write path.</summary>
public sealed class ImapSchemaTests
{
    [Fact]
    public async Task An_older_database_gets_uids_in_arrival_order_per_folder_and_loses_nothing()
    {
        await using var t = await TempStore.OpenAsync(folder =>
        {
            using var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "kakunin.db")}");
            connection.Open();
            Migrator.Apply(connection, [.. Migrations.All.Where(m => m.Version < 10)]);
            Run(connection, "INSERT INTO domains (name) VALUES ('example.com')");
            Run(connection, "INSERT INTO users (id, address, password_hash, created_at) VALUES (1, 'dan@example.com', 'x', 0)");
            Run(connection, "INSERT INTO folders (id, user_id, name) VALUES (1, 1, 'Inbox'), (2, 1, 'Sent'), (3, 1, 'Trash')");
            // Interleaved ids across two folders; a gap where a message was deleted.
            foreach (var (id, folderId) in new[] { (1, 1), (2, 2), (3, 1), (5, 1), (6, 2) })
            {
                Run(connection, $"INSERT INTO messages (id, folder_id, received_at, size, flags, content, seen) VALUES ({id}, {folderId}, 0, 5, '\\Seen', x'6869212121', 1)");
            }
        });

        Assert.Equal(
            [[1, 1, 1], [3, 1, 2], [5, 1, 3], [2, 2, 1], [6, 2, 2]],
            (await RowsAsync(t, "SELECT id, folder_id, uid FROM messages ORDER BY folder_id, uid")).Select(r => r.ToList()).ToList());
        Assert.Equal(0, await ScalarAsync(t, "SELECT COUNT(*) FROM messages WHERE modseq IS NULL OR modseq < 1"));
        Assert.Equal([4, 3, 1], (await RowsAsync(t, "SELECT uid_next FROM folders ORDER BY id")).Select(r => r[0]).ToList());
        var validities = (await RowsAsync(t, "SELECT uid_validity FROM folders ORDER BY id")).Select(r => r[0]).ToList();
        Assert.Equal(3, validities.Distinct().Count());
        Assert.All(validities, v => Assert.InRange(v, 1L, uint.MaxValue));

        // A delivery after the upgrade takes the next UID.
        var id = await DeliverAsync(t, 1, "Inbox", "after");
        Assert.Equal(4, (await UidOfAsync(t, id)).Uid);
        Assert.Equal(6, await ScalarAsync(t, "SELECT COUNT(*) FROM messages"));
    }

    [Fact]
    public async Task Uids_and_modseqs_ascend_per_folder_and_survive_a_reopen()
    {
        await using var t = await TempStore.OpenAsync();
        var bob = await UserAsync(t);
        var a = await DeliverAsync(t, bob, "Inbox", "a");
        var junk = await DeliverAsync(t, bob, "Junk", "j");
        var b = await DeliverAsync(t, bob, "Inbox", "b");

        Assert.Equal(1, (await UidOfAsync(t, a)).Uid);
        Assert.Equal(2, (await UidOfAsync(t, b)).Uid);
        Assert.Equal(1, (await UidOfAsync(t, junk)).Uid);
        Assert.True((await UidOfAsync(t, b)).ModSeq > (await UidOfAsync(t, a)).ModSeq);
        var before = await FolderAsync(t, bob, "Inbox");
        Assert.Equal(3, before.UidNext);
        Assert.Equal((await UidOfAsync(t, b)).ModSeq, before.HighestModSeq);

        await t.ReopenAsync();
        Assert.Equal(before, await FolderAsync(t, bob, "Inbox"));
        Assert.Equal((2, (await UidOfAsync(t, b)).ModSeq), await UidOfAsync(t, b));
    }

    [Fact]
    public async Task A_folder_deleted_and_created_again_never_gets_its_old_uidvalidity()
    {
        await using var t = await TempStore.OpenAsync();
        var bob = await UserAsync(t);
        var seen = new HashSet<long>((await RowsAsync(t, "SELECT uid_validity FROM folders")).Select(r => r[0]));
        Assert.Equal(MailFolders.Defaults.Count, seen.Count);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(Kakunin.Store.Imap.FolderChangeResult.Done, await t.Store.Imap.CreateFolderAsync(bob, "Projects", Ct));
            var validity = (await FolderAsync(t, bob, "Projects")).UidValidity;
            Assert.True(seen.Add(validity), $"UIDVALIDITY {validity} given twice");
            Assert.Equal(Kakunin.Store.Imap.FolderChangeResult.Done, await t.Store.Imap.DeleteFolderAsync(bob, "Projects", Ct));
        }
    }

    [Fact]
    public async Task Flag_changes_bump_the_modseq_and_the_seen_column_follows_but_report_state_does_not()
    {
        await using var t = await TempStore.OpenAsync();
        var bob = await UserAsync(t);
        var id = await DeliverAsync(t, bob, "Inbox", "a");
        var start = await UidOfAsync(t, id);

        Assert.True(await t.Store.Mailboxes.SetSeenAsync("bob@example.com", id, seen: true, Ct)); // webmail read
        var read = await UidOfAsync(t, id);
        Assert.Equal(start.Uid, read.Uid);
        Assert.True(read.ModSeq > start.ModSeq);
        Assert.Equal(1, await ScalarAsync(t, $"SELECT seen FROM messages WHERE id = {id}"));

        Assert.True(await t.Store.Mailboxes.TryAddFlagAsync("bob@example.com", id, MessageFlags.MdnSent, Ct));
        var flagged = await UidOfAsync(t, id);
        Assert.True(flagged.ModSeq > read.ModSeq);

        // Report processing marks the row; that is not a flag, and IMAP clients must not see a change.
        await t.Store.Writer.WriteAsync(tx => Kakunin.Tracking.ReportStates.Set(tx, id, "matched"), Ct);
        Assert.Equal(flagged, await UidOfAsync(t, id));

        // Flags written in SQL directly still keep seen in step (the trigger, not the caller).
        await t.Store.Writer.WriteAsync(tx => MailboxRepository.SetFlags(tx, id, "$MDNSent"), Ct);
        Assert.Equal(0, await ScalarAsync(t, $"SELECT seen FROM messages WHERE id = {id}"));
        Assert.Equal((await UidOfAsync(t, id)).ModSeq, (await FolderAsync(t, bob, "Inbox")).HighestModSeq);
    }

    [Fact]
    public async Task A_webmail_move_gives_a_new_uid_in_the_target_and_logs_an_expunge_in_the_source()
    {
        await using var t = await TempStore.OpenAsync();
        var bob = await UserAsync(t);
        await DeliverAsync(t, bob, "Trash", "already there"); // Trash uid 1: the moved message's old uid would collide
        var id = await DeliverAsync(t, bob, "Inbox", "a");
        var before = await UidOfAsync(t, id);
        Assert.Equal(1, before.Uid);

        Assert.True(await t.Store.Mailboxes.MoveAsync("bob@example.com", id, MailFolders.Trash, Ct));

        Assert.Equal(2, (await UidOfAsync(t, id)).Uid);
        Assert.Equal(3, (await FolderAsync(t, bob, "Trash")).UidNext);
        var inbox = await FolderAsync(t, bob, "Inbox");
        var log = Assert.Single(await ExpungedAsync(t, bob, "Inbox"));
        Assert.Equal(1, log[0]);
        Assert.Equal(inbox.HighestModSeq, log[1]);
        Assert.True(log[1] > before.ModSeq);

        // A move to the folder it is in changes nothing.
        var now = await UidOfAsync(t, id);
        Assert.True(await t.Store.Mailboxes.MoveAsync("bob@example.com", id, MailFolders.Trash, Ct));
        Assert.Equal(now, await UidOfAsync(t, id));
    }

    [Fact]
    public async Task Deletes_from_the_webmail_drafts_and_user_removal_are_logged_or_cleared()
    {
        await using var t = await TempStore.OpenAsync();
        var bob = await UserAsync(t);
        var id = await DeliverAsync(t, bob, "Trash", "a");
        Assert.True(await t.Store.Mailboxes.DeleteAsync("bob@example.com", id, Ct));
        Assert.Equal(1, Assert.Single(await ExpungedAsync(t, bob, "Trash"))[0]);

        var draft = await t.Store.Mailboxes.SaveDraftAsync("bob@example.com", null, Message("d1"), DateTimeOffset.UnixEpoch, Ct);
        var second = await t.Store.Mailboxes.SaveDraftAsync("bob@example.com", draft, Message("d2"), DateTimeOffset.UnixEpoch, Ct);
        Assert.Equal(1, Assert.Single(await ExpungedAsync(t, bob, "Drafts"))[0]);
        Assert.Equal(2, (await UidOfAsync(t, second)).Uid);

        Assert.True(await t.Store.Directory.DeleteUserAsync("bob@example.com", Ct));
        Assert.Equal(0, await ScalarAsync(t, "SELECT COUNT(*) FROM expunged"));
    }

    private static void Run(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
#pragma warning disable CA2100 // test SQL
        command.CommandText = sql;
#pragma warning restore CA2100
        command.ExecuteNonQuery();
    }
}
