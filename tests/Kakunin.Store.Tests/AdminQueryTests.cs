using Kakunin.Tracking;
using System.Text;

namespace Kakunin.Store.Tests;

/// <summary>The listing and maintenance methods behind the administrator commands, against a real store.</summary>
public sealed class AdminQueryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    private static NewQueueMessage Message(string queueId, params string[] recipients) => new(
        queueId, "alice@example.com", [.. recipients.Select(r => new NewQueueRecipient(r))], Encoding.ASCII.GetBytes("Subject: hi\r\n\r\nbody\r\n"), T0);

    [Fact]
    public async Task Domains_users_and_aliases_are_listed_sorted()
    {
        await using var t = await TempStore.OpenAsync();
        var ct = TestContext.Current.CancellationToken;
        await t.Store.Directory.AddDomainAsync("Zeta.Test", ct);
        await t.Store.Directory.AddDomainAsync("alpha.test", ct);
        await t.Store.Directory.AddUserAsync("bob@zeta.test", "pw1", ct);
        await t.Store.Directory.AddUserAsync("Carol@Alpha.test", "pw2", ct);
        await t.Store.Directory.AddUserAsync("amy@zeta.test", "pw3", ct);
        await t.Store.Directory.AddAliasAsync("team@zeta.test", ["bob@zeta.test", "amy@zeta.test"], ct);
        await t.Store.Directory.AddAliasAsync("info@alpha.test", ["carol@alpha.test"], ct);

        Assert.Equal(["alpha.test", "zeta.test"], await t.Store.Directory.ListDomainsAsync(ct));
        Assert.Equal(["amy@zeta.test", "bob@zeta.test", "carol@alpha.test"], (await t.Store.Directory.ListUsersAsync(null, ct)).Select(u => u.Address));
        Assert.Equal(["amy@zeta.test", "bob@zeta.test"], (await t.Store.Directory.ListUsersAsync("ZETA.test", ct)).Select(u => u.Address));
        var aliases = await t.Store.Directory.ListAliasesAsync(ct);
        Assert.Equal(2, aliases.Count);
        Assert.Equal("info@alpha.test", aliases[0].Address);
        Assert.Equal(["carol@alpha.test"], aliases[0].Targets);
        Assert.Equal("team@zeta.test", aliases[1].Address);
        Assert.Equal(["amy@zeta.test", "bob@zeta.test"], aliases[1].Targets);
    }

    [Fact]
    public async Task A_password_change_replaces_the_old_one()
    {
        await using var t = await TempStore.OpenAsync();
        var ct = TestContext.Current.CancellationToken;
        await t.Store.Directory.AddDomainAsync("example.com", ct);
        await t.Store.Directory.AddUserAsync("bob@example.com", "old", ct);

        Assert.True(await t.Store.Directory.SetPasswordAsync("BOB@example.com", "new", ct));
        Assert.False(await t.Store.Directory.SetPasswordAsync("nobody@example.com", "new", ct));

        Assert.Null(await t.Store.Directory.VerifyPasswordAsync("bob@example.com", "old", ct));
        Assert.Equal("bob@example.com", await t.Store.Directory.VerifyPasswordAsync("bob@example.com", "new", ct));
    }

    [Fact]
    public async Task Deleting_a_user_removes_their_folders_and_messages()
    {
        await using var t = await TempStore.OpenAsync();
        var ct = TestContext.Current.CancellationToken;
        await t.Store.Directory.AddDomainAsync("example.com", ct);
        await t.Store.Directory.AddUserAsync("bob@example.com", "pw", ct);
        await t.Store.Mailboxes.AppendAsync("bob@example.com", MailFolders.Inbox, new byte[] { 1 }, string.Empty, T0, ct);

        Assert.True(await t.Store.Directory.DeleteUserAsync("bob@example.com", ct));
        Assert.False(await t.Store.Directory.DeleteUserAsync("bob@example.com", ct));

        Assert.Null(await t.Store.Directory.FindUserIdAsync("bob@example.com", ct));
        Assert.Empty(await t.Store.Mailboxes.ListAsync("bob@example.com", MailFolders.Inbox, ct));
        // The address can be created again, with fresh folders.
        await t.Store.Directory.AddUserAsync("bob@example.com", "pw", ct);
        Assert.Empty(await t.Store.Mailboxes.ListAsync("bob@example.com", MailFolders.Inbox, ct));
    }

    [Fact]
    public async Task A_message_is_found_only_in_its_owners_folders()
    {
        await using var t = await TempStore.OpenAsync();
        var ct = TestContext.Current.CancellationToken;
        await t.Store.Directory.AddDomainAsync("example.com", ct);
        await t.Store.Directory.AddUserAsync("bob@example.com", "pw", ct);
        await t.Store.Directory.AddUserAsync("eve@example.com", "pw", ct);
        var id = await t.Store.Mailboxes.AppendAsync("bob@example.com", MailFolders.Sent, "Subject: x\r\n\r\n"u8.ToArray(), "\\Seen", T0, ct);

        var message = await t.Store.Mailboxes.GetAsync("bob@example.com", id, ct);
        Assert.NotNull(message);
        Assert.Equal(MailFolders.Sent, message.Folder);
        Assert.Equal("\\Seen", message.Flags);
        Assert.Equal("Subject: x\r\n\r\n", Encoding.ASCII.GetString(message.Content.Span));
        Assert.Null(await t.Store.Mailboxes.GetAsync("eve@example.com", id, ct));
        Assert.Null(await t.Store.Mailboxes.GetAsync("bob@example.com", id + 1, ct));
    }

    [Fact]
    public async Task Queue_listing_shows_active_messages_and_done_ones_on_request()
    {
        await using var t = await TempStore.OpenAsync();
        var ct = TestContext.Current.CancellationToken;
        var active = await t.Store.Queue.EnqueueAsync(Message("QACTIVE", "x@remote.test", "y@remote.test"), ct);
        var done = await t.Store.Queue.EnqueueAsync(Message("QDONE", "z@remote.test"), ct);
        await t.Store.Writer.WriteAsync(tx =>
        {
            var r = QueueRepository.GetRecipient(tx, done.RecipientIds[0])!;
            QueueRepository.Update(tx, r with { State = RecipientState.Relayed });
            QueueRepository.CompleteIfFinished(tx, done.MessageId);
        }, ct);

        var list = await t.Store.Queue.ListAsync(includeDone: false, ct);
        var (message, recipients) = Assert.Single(list);
        Assert.Equal("QACTIVE", message.QueueId);
        Assert.Equal(["x@remote.test", "y@remote.test"], recipients.Select(r => r.Address));
        Assert.Equal(["QACTIVE", "QDONE"], (await t.Store.Queue.ListAsync(includeDone: true, ct)).Select(x => x.Message.QueueId));
    }

    [Fact]
    public async Task Retry_now_makes_deferred_recipients_due_and_leaves_final_ones()
    {
        await using var t = await TempStore.OpenAsync();
        var ct = TestContext.Current.CancellationToken;
        var q = await t.Store.Queue.EnqueueAsync(Message("Q1", "a@remote.test", "b@remote.test"), ct);
        var later = T0.AddHours(2);
        await t.Store.Writer.WriteAsync(tx =>
        {
            var a = QueueRepository.GetRecipient(tx, q.RecipientIds[0])!;
            QueueRepository.Update(tx, a with { State = RecipientState.Deferred, Attempts = 1, NextAttemptAt = later });
            var b = QueueRepository.GetRecipient(tx, q.RecipientIds[1])!;
            QueueRepository.Update(tx, b with { State = RecipientState.Failed, Attempts = 1, NextAttemptAt = later });
        }, ct);
        var now = T0.AddMinutes(10);

        Assert.Null(await t.Store.Queue.RetryNowAsync("NOPE", now, ct));
        Assert.Equal(1, await t.Store.Queue.RetryNowAsync("Q1", now, ct));

        var due = await t.Store.Queue.GetDueAsync(now, 10, ct);
        var (_, recipient) = Assert.Single(due);
        Assert.Equal("a@remote.test", recipient.Address);
        Assert.Equal(now, recipient.NextAttemptAt);
        Assert.Equal(1, recipient.Attempts);
        Assert.Equal(RecipientState.Deferred, recipient.State);
        Assert.Equal(0, await t.Store.Queue.RetryNowAsync(null, now, ct)); // already due: nothing to move
    }

    [Fact]
    public async Task Deleting_an_untracked_message_with_only_open_recipients_removes_it()
    {
        await using var t = await TempStore.OpenAsync();
        var ct = TestContext.Current.CancellationToken;
        await t.Store.Queue.EnqueueAsync(Message("Q1", "a@remote.test", "b@remote.test"), ct);
        await t.Store.Queue.EnqueueAsync(Message("Q2", "c@remote.test"), ct);

        Assert.Null(await t.Store.Queue.DeleteAsync("NOPE", T0, TrackingRepository.QueueRecipientRemoved, ct));
        Assert.Equal(new QueueDeleteResult(2, true), await t.Store.Queue.DeleteAsync("Q1", T0, TrackingRepository.QueueRecipientRemoved, ct));

        Assert.Null(await t.Store.Queue.FindAsync("Q1", ct));
        Assert.NotNull(await t.Store.Queue.FindAsync("Q2", ct));
        Assert.Equal(1, await t.Store.Queue.CountOpenRecipientsAsync(ct));
    }

    [Fact]
    public async Task Deleting_a_tracked_message_keeps_the_evidence_and_records_the_deletion()
    {
        await using var t = await TempStore.OpenAsync();
        var ct = TestContext.Current.CancellationToken;
        var q = await t.Store.Queue.EnqueueAsync(Message("Q1", "a@remote.test", "b@remote.test"), ct);
        await t.Store.Writer.WriteAsync(tx =>
        {
            TrackingRepository.Create(tx, q.MessageId, "alice@example.com", "<m1@example.com>", "hi", T0, [(q.RecipientIds[0], "a@remote.test"), (q.RecipientIds[1], "b@remote.test")]);
            var a = QueueRepository.GetRecipient(tx, q.RecipientIds[0])!;
            QueueRepository.Update(tx, a with { State = RecipientState.Relayed });
        }, ct);
        var now = T0.AddMinutes(5);

        Assert.Equal(new QueueDeleteResult(1, false), await t.Store.Queue.DeleteAsync("Q1", now, TrackingRepository.QueueRecipientRemoved, ct));

        var found = await t.Store.Queue.FindAsync("Q1", ct);
        Assert.NotNull(found);
        Assert.Equal("done", found.Value.Message.State);
        var kept = Assert.Single(found.Value.Recipients);
        Assert.Equal("a@remote.test", kept.Address);
        var tracking = await t.Store.TrackingQueries.GetByQueueIdAsync("Q1", ct);
        Assert.NotNull(tracking);
        var b = tracking.Recipients.Single(r => r.Address == "b@remote.test");
        Assert.Equal(TrackingState.Removed, b.State);
        Assert.Equal(now, b.StateAt);
        Assert.Equal([TrackingState.Queued, TrackingState.Removed], (await t.Store.TrackingQueries.GetEventsAsync(b.Id, ct)).Select(e => e.State));
        Assert.Equal(0, await t.Store.Queue.CountOpenRecipientsAsync(ct));
    }
}
