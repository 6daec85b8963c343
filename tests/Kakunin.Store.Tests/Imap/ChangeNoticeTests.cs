using System.Collections.Concurrent;
using static Kakunin.Store.Tests.Imap.ImapStoreData;

namespace Kakunin.Store.Tests.Imap;

/// <summary>Change notices (docs/imap-store.md): after the commit, for every write path, never for what was rolled back.</summary>
public sealed class ChangeNoticeTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Every_write_path_tells_the_owner_which_folder_changed_and_nobody_else()
    {
        await using var t = await TempStore.OpenAsync();
        var bob = await UserAsync(t);
        var eve = await UserAsync(t, "eve");
        var inbox = await ScalarAsync(t, $"SELECT id FROM folders WHERE user_id = {bob} AND name = 'Inbox'");
        var trash = await ScalarAsync(t, $"SELECT id FROM folders WHERE user_id = {bob} AND name = 'Trash'");
        var notices = new BlockingCollection<long?>();
        var eveNotices = new BlockingCollection<long?>();
        using var subscription = t.Store.Changes.Subscribe(bob, notices.Add);
        using var other = t.Store.Changes.Subscribe(eve, eveNotices.Add);

        var id = await DeliverAsync(t, bob, "Inbox", "a"); // delivery
        Assert.Equal(inbox, Next(notices));
        await t.Store.Mailboxes.SetSeenAsync("bob@example.com", id, true, Ct); // webmail flag
        Assert.Equal(inbox, Next(notices));
        await t.Store.Mailboxes.MoveAsync("bob@example.com", id, MailFolders.Trash, Ct); // webmail move: both folders
        Assert.Equal(new long?[] { inbox, trash }.Order(), new[] { Next(notices), Next(notices) }.Order());
        await t.Store.Imap.CreateFolderAsync(bob, "Projects", Ct); // the folder list
        Assert.Null(Next(notices));
        await t.Store.Mailboxes.DeleteAsync("bob@example.com", id, Ct);
        Assert.Equal(trash, Next(notices));

        Assert.False(eveNotices.TryTake(out _, TimeSpan.FromMilliseconds(200)));
    }

    [Fact]
    public async Task A_unit_rolled_back_tells_nobody()
    {
        await using var t = await TempStore.OpenAsync();
        var bob = await UserAsync(t);
        var junk = await ScalarAsync(t, $"SELECT id FROM folders WHERE user_id = {bob} AND name = 'Junk'");
        var notices = new BlockingCollection<long?>();
        using var subscription = t.Store.Changes.Subscribe(bob, notices.Add);

        await Assert.ThrowsAsync<InvalidOperationException>(() => t.Store.Writer.WriteAsync(tx =>
        {
            MailboxRepository.Append(tx, bob, "Inbox", Message("never"), string.Empty, DateTimeOffset.UnixEpoch);
            throw new InvalidOperationException("rolled back");
        }, Ct));
        await DeliverAsync(t, bob, "Junk", "marker");

        Assert.Equal(junk, Next(notices));
        Assert.False(notices.TryTake(out _, TimeSpan.FromMilliseconds(300)));
        Assert.Equal(0, await ScalarAsync(t, "SELECT COUNT(*) FROM messages m JOIN folders f ON f.id = m.folder_id WHERE f.name = 'Inbox'"));
    }

    [Fact]
    public async Task A_notice_comes_after_the_commit_so_a_reader_sees_the_change()
    {
        await using var t = await TempStore.OpenAsync();
        var bob = await UserAsync(t);
        var counts = new BlockingCollection<long>();
        using var subscription = t.Store.Changes.Subscribe(bob, _ =>
        {
            // What a session does on a notice: read. The delivery must be visible already.
            counts.Add(ScalarAsync(t, "SELECT COUNT(*) FROM messages").GetAwaiter().GetResult());
        });

        await DeliverAsync(t, bob, "Inbox", "a");
        Assert.True(counts.TryTake(out var count, Wait));
        Assert.Equal(1, count);
    }

    [Fact]
    public async Task Disposed_subscriptions_hear_nothing_and_two_hundred_all_hear_once()
    {
        await using var t = await TempStore.OpenAsync();
        var bob = await UserAsync(t);
        var heard = 0;
        var all = new CountdownEvent(200);
        var subscriptions = Enumerable.Range(0, 200).Select(_ => t.Store.Changes.Subscribe(bob, _ =>
        {
            Interlocked.Increment(ref heard);
            all.Signal();
        })).ToList();
        var gone = new BlockingCollection<long?>();
        t.Store.Changes.Subscribe(bob, gone.Add).Dispose();
        Assert.Equal(200, t.Store.Changes.SubscriberCount);

        await DeliverAsync(t, bob, "Inbox", "a");
        Assert.True(all.Wait(Wait));
        Assert.Equal(200, heard);
        Assert.False(gone.TryTake(out _, TimeSpan.FromMilliseconds(100)));
        subscriptions.ForEach(s => s.Dispose());
        Assert.Equal(0, t.Store.Changes.SubscriberCount);
    }

    [Fact]
    public async Task A_commit_by_another_store_on_the_same_file_is_told_as_something_changed_and_our_own_commits_are_not()
    {
        // The other store stands for the CLI: its own connection, its own writer, the same database file.
        await using var t = await TempStore.OpenAsync();
        var bob = await UserAsync(t);
        var external = new BlockingCollection<bool>();
        var folderNotices = new BlockingCollection<long?>();
        using var subscription = t.Store.Changes.SubscribeExternal(() => external.Add(true));
        using var bobs = t.Store.Changes.Subscribe(bob, folderNotices.Add);
        await Task.Delay(600, Ct); // the writer has asked data_version at least once

        await DeliverAsync(t, bob, "Inbox", "ours");
        Assert.NotNull(Next(folderNotices)); // our own delivery: the folder, as always
        Assert.False(external.TryTake(out _, TimeSpan.FromMilliseconds(800))); // and not "another process"

        await using (var cli = await KakuninStore.OpenAsync(t.Folder, TempStore.Options, Ct))
        {
            await cli.Directory.AddUserAsync("carol@example.com", "pw", Ct);
        }

        Assert.True(external.TryTake(out _, Wait), "the other store's commit was not noticed");
        Assert.Null(Next(folderNotices)); // Bob's sessions hear "look again" (what changed is not known)
    }

    private static long? Next(BlockingCollection<long?> notices) =>
        notices.TryTake(out var folder, Wait) ? folder : throw new TimeoutException("no change notice");
}
