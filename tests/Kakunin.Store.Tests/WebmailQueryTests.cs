using System.Text;
using Kakunin.Store.Settings;
using Kakunin.Tracking;

namespace Kakunin.Store.Tests;

/// <summary>The queries behind the webmail's lists, settings and tracking views, against a real SQLite store.</summary>
public sealed class WebmailQueryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    private static byte[] Mail(string subject, string from = "Carol Example <carol@example.net>", string to = "alice@example.test", string extra = "") =>
        Encoding.UTF8.GetBytes($"From: {from}\r\nTo: {to}\r\nSubject: {subject}\r\nDate: Sun, 29 Nov 2026 09:00:00 +0900\r\n{extra}\r\nbody\r\n");

    private static async Task<TempStore> WithUsersAsync()
    {
        var t = await TempStore.OpenAsync();
        var ct = TestContext.Current.CancellationToken;
        await t.Store.Directory.AddDomainAsync("example.test", ct);
        await t.Store.Directory.AddUserAsync("alice@example.test", "pw", ct);
        await t.Store.Directory.AddUserAsync("bob@example.test", "pw", ct);
        return t;
    }

    [Fact]
    public async Task A_folder_page_shows_the_header_summary_newest_first_with_unread_counts()
    {
        await using var t = await WithUsersAsync();
        var ct = TestContext.Current.CancellationToken;
        for (var i = 1; i <= 5; i++)
        {
            await t.Store.Mailboxes.AppendAsync("alice@example.test", MailFolders.Inbox, Mail($"Invoice {i}"), i <= 2 ? MessageFlags.Seen : string.Empty, T0.AddMinutes(i), ct);
        }

        await t.Store.Mailboxes.AppendAsync("alice@example.test", MailFolders.Inbox, Mail("=?UTF-8?B?5aWR57SE5pu4?=", extra: "Content-Type: multipart/mixed; boundary=x\r\n"), string.Empty, T0.AddMinutes(9), ct);

        var page = await t.Store.Mailboxes.ListPageAsync("Alice@Example.test", MailFolders.Inbox, 1, 4, null, ct);
        Assert.NotNull(page);
        Assert.Equal(6, page.Total);
        Assert.Equal(2, page.PageCount);
        Assert.Equal(["契約書", "Invoice 5", "Invoice 4", "Invoice 3"], page.Items.Select(m => m.Subject));
        Assert.Equal("Carol Example", page.Items[0].From);
        Assert.True(page.Items[0].HasAttachments);
        Assert.False(page.Items[1].HasAttachments);
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero), page.Items[0].Date);

        var second = await t.Store.Mailboxes.ListPageAsync("alice@example.test", MailFolders.Inbox, 2, 4, null, ct);
        Assert.Equal(["Invoice 2", "Invoice 1"], second!.Items.Select(m => m.Subject));
        Assert.All(second.Items, m => Assert.True(m.Seen));

        var counts = await t.Store.Mailboxes.GetFolderCountsAsync("alice@example.test", ct);
        Assert.Equal(MailFolders.Defaults, counts.Select(c => c.Name));
        Assert.Equal((6L, 4L), (counts[0].Total, counts[0].Unread));
    }

    [Fact]
    public async Task Search_matches_subject_sender_and_recipients_literally()
    {
        await using var t = await WithUsersAsync();
        var ct = TestContext.Current.CancellationToken;
        await t.Store.Mailboxes.AppendAsync("alice@example.test", MailFolders.Inbox, Mail("50% off"), string.Empty, T0, ct);
        await t.Store.Mailboxes.AppendAsync("alice@example.test", MailFolders.Inbox, Mail("500 offers"), string.Empty, T0, ct);
        await t.Store.Mailboxes.AppendAsync("alice@example.test", MailFolders.Inbox, Mail("hello", from: "dave@example.org"), string.Empty, T0, ct);

        Assert.Equal(["50% off"], (await t.Store.Mailboxes.ListPageAsync("alice@example.test", MailFolders.Inbox, 1, 50, "50%", ct))!.Items.Select(m => m.Subject));
        Assert.Equal(["hello"], (await t.Store.Mailboxes.ListPageAsync("alice@example.test", MailFolders.Inbox, 1, 50, "DAVE@", ct))!.Items.Select(m => m.Subject));
        Assert.Null(await t.Store.Mailboxes.ListPageAsync("alice@example.test", "NoSuchFolder", 1, 50, null, ct));
    }

    [Fact]
    public async Task A_user_cannot_move_delete_or_flag_another_users_message()
    {
        await using var t = await WithUsersAsync();
        var ct = TestContext.Current.CancellationToken;
        var id = await t.Store.Mailboxes.AppendAsync("alice@example.test", MailFolders.Inbox, Mail("private"), string.Empty, T0, ct);

        Assert.False(await t.Store.Mailboxes.MoveAsync("bob@example.test", id, MailFolders.Trash, ct));
        Assert.False(await t.Store.Mailboxes.DeleteAsync("bob@example.test", id, ct));
        Assert.False(await t.Store.Mailboxes.TryAddFlagAsync("bob@example.test", id, MessageFlags.MdnSent, ct));
        Assert.False(await t.Store.Mailboxes.SetSeenAsync("bob@example.test", id, true, ct));
        Assert.Null(await t.Store.Mailboxes.GetAsync("bob@example.test", id, ct));
        Assert.False(await t.Store.Mailboxes.MoveAsync("alice@example.test", id, "NoSuchFolder", ct));

        Assert.True(await t.Store.Mailboxes.MoveAsync("alice@example.test", id, MailFolders.Trash, ct));
        Assert.Equal(MailFolders.Trash, (await t.Store.Mailboxes.GetAsync("alice@example.test", id, ct))!.Folder);
        Assert.True(await t.Store.Mailboxes.DeleteAsync("alice@example.test", id, ct));
        Assert.Null(await t.Store.Mailboxes.GetAsync("alice@example.test", id, ct));
    }

    [Fact]
    public async Task A_flag_is_added_once_even_when_two_callers_race()
    {
        await using var t = await WithUsersAsync();
        var ct = TestContext.Current.CancellationToken;
        var id = await t.Store.Mailboxes.AppendAsync("alice@example.test", MailFolders.Inbox, Mail("receipt please"), string.Empty, T0, ct);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => t.Store.Mailboxes.TryAddFlagAsync("alice@example.test", id, MessageFlags.MdnSent, ct)));

        Assert.Single(results, r => r);
        Assert.True((await t.Store.Mailboxes.GetAsync("alice@example.test", id, ct))!.HasFlag(MessageFlags.MdnSent));
    }

    [Fact]
    public async Task Seen_changes_the_unread_count_and_a_saved_draft_replaces_the_previous_one()
    {
        await using var t = await WithUsersAsync();
        var ct = TestContext.Current.CancellationToken;
        var id = await t.Store.Mailboxes.AppendAsync("alice@example.test", MailFolders.Inbox, Mail("new"), string.Empty, T0, ct);
        Assert.True(await t.Store.Mailboxes.SetSeenAsync("alice@example.test", id, true, ct));
        Assert.Equal(0, (await t.Store.Mailboxes.GetFolderCountsAsync("alice@example.test", ct))[0].Unread);
        Assert.True(await t.Store.Mailboxes.SetSeenAsync("alice@example.test", id, false, ct));
        Assert.Equal(1, (await t.Store.Mailboxes.GetFolderCountsAsync("alice@example.test", ct))[0].Unread);

        var first = await t.Store.Mailboxes.SaveDraftAsync("alice@example.test", null, Mail("draft v1"), T0, ct);
        var second = await t.Store.Mailboxes.SaveDraftAsync("alice@example.test", first, Mail("draft v2"), T0, ct);
        var drafts = await t.Store.Mailboxes.ListPageAsync("alice@example.test", MailFolders.Drafts, 1, 50, null, ct);
        Assert.Equal(["draft v2"], drafts!.Items.Select(m => m.Subject));
        Assert.Equal(second, drafts.Items[0].Id);
    }

    [Fact]
    public async Task Settings_fall_back_to_the_organisation_defaults_until_the_user_saves()
    {
        await using var t = await WithUsersAsync();
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(UserSettings.Default, await t.Store.Settings.GetUserAsync("alice@example.test", ct));
        Assert.Equal(OrganisationSettings.Default, await t.Store.Settings.GetOrganisationAsync(ct));

        var orgDefaults = UserSettings.Default with { RequestReadReceipt = true, MdnOutsideDomain = ReceiptChoices.Never };
        await t.Store.Settings.SaveOrganisationAsync(new OrganisationSettings(OutsideReceipts.Never, orgDefaults), ct);
        Assert.Equal(orgDefaults, await t.Store.Settings.GetUserAsync("bob@example.test", ct));
        Assert.Equal(OutsideReceipts.Never, (await t.Store.Settings.GetOrganisationAsync(ct)).ReadReceiptsOutside);

        var mine = new UserSettings("ja", true, false, ReceiptChoices.Always, ReceiptChoices.Ask, ReceiptChoices.Never, true, false);
        await t.Store.Settings.SaveUserAsync("Alice@example.test", mine, ct);
        Assert.Equal(mine, await t.Store.Settings.GetUserAsync("alice@example.test", ct));
        Assert.Equal(orgDefaults, await t.Store.Settings.GetUserAsync("bob@example.test", ct));

        await Assert.ThrowsAsync<ArgumentException>(() => t.Store.Settings.SaveUserAsync("alice@example.test", mine with { MdnOtherCases = "sometimes" }, ct));
        await Assert.ThrowsAsync<ArgumentException>(() => t.Store.Settings.SaveUserAsync("alice@example.test", mine with { Language = "fr" }, ct));
    }

    [Fact]
    public async Task Tracking_summaries_tabs_and_filters_are_the_senders_own()
    {
        await using var t = await WithUsersAsync();
        var ct = TestContext.Current.CancellationToken;
        var (tracking, sentId, recipients) = await SubmitAsync(t, "alice@example.test", "Contract", ["bob@example.test", "carol@example.net", "dave@example.org"]);
        await SubmitAsync(t, "bob@example.test", "Bob's own", ["alice@example.test"]);

        await t.Store.Writer.WriteAsync(tx =>
        {
            TrackingRepository.RecordOutcome(tx, recipients[0], new TrackingUpdate(TrackingState.Delivered, T0.AddMinutes(1)));
            TrackingRepository.RecordOutcome(tx, recipients[1], new TrackingUpdate(TrackingState.Failed, T0.AddMinutes(2), Diagnostic: "550 5.1.1 no such user", Evidence: "mx.example.net"));
            TrackingRepository.RecordOutcome(tx, recipients[2], new TrackingUpdate(TrackingState.Relayed, T0.AddMinutes(1), Evidence: "mx.example.org"));
            tx.Execute("UPDATE tracking_recipients SET read_state = 'displayed', read_at = $t WHERE queue_recipient_id = $q", ("$t", Sql.ToUnixMs(T0.AddDays(1))), ("$q", recipients[0]));
        }, ct);

        var summaries = await t.Store.TrackingQueries.GetSummariesAsync("alice@example.test", [sentId, 999], ct);
        var summary = Assert.Single(summaries).Value;
        Assert.Equal((3, 1, 1, 1, 1, 0), (summary.Recipients, summary.Delivered, summary.Relayed, summary.Failed, summary.Read, summary.Pending));
        Assert.Empty(await t.Store.TrackingQueries.GetSummariesAsync("bob@example.test", [sentId], ct));

        var detail = await t.Store.TrackingQueries.GetBySentMessageAsync("alice@example.test", sentId, ct);
        Assert.NotNull(detail);
        Assert.Equal(tracking, detail.Id);
        Assert.Equal(["delivered", "failed", "relayed"], detail.Recipients.Select(r => r.State.Word()));
        Assert.Equal("550 5.1.1 no such user", detail.Recipients[1].Diagnostic);
        Assert.Equal(6, detail.Events.Count); // queued + one state each
        Assert.Null(await t.Store.TrackingQueries.GetBySentMessageAsync("bob@example.test", sentId, ct));

        var now = T0.AddDays(10);
        var failed = await t.Store.TrackingQueries.GetPageAsync("alice@example.test", TrackingFilter.Failed, TimeSpan.FromDays(3), 1, 50, now, ct);
        Assert.Equal(["carol@example.net"], failed.Rows.Select(r => r.Recipient.Address));
        Assert.Equal("Contract", failed.Rows[0].Subject);
        var unread = await t.Store.TrackingQueries.GetPageAsync("alice@example.test", TrackingFilter.Unread, TimeSpan.FromDays(3), 1, 50, now, ct);
        Assert.Equal(["dave@example.org"], unread.Rows.Select(r => r.Recipient.Address));
        var notYet = await t.Store.TrackingQueries.GetPageAsync("alice@example.test", TrackingFilter.Unread, TimeSpan.FromDays(30), 1, 50, now, ct);
        Assert.Empty(notYet.Rows);
        var read = await t.Store.TrackingQueries.GetPageAsync("alice@example.test", TrackingFilter.Read, TimeSpan.FromDays(3), 1, 50, now, ct);
        Assert.Equal(["bob@example.test"], read.Rows.Select(r => r.Recipient.Address));
        Assert.False(read.Counts.ContainsKey(TrackingFilter.All));
        Assert.Equal(1, read.Counts[TrackingFilter.Unread]);
        Assert.Equal(1, read.Counts[TrackingFilter.Failed]);
        Assert.Equal(0, read.Counts[TrackingFilter.Delayed]);

        var bobs = await t.Store.TrackingQueries.GetPageAsync("bob@example.test", TrackingFilter.All, TimeSpan.FromDays(3), 1, 50, now, ct);
        Assert.Equal(["alice@example.test"], bobs.Rows.Select(r => r.Recipient.Address));
    }

    private static async Task<(long Tracking, long SentId, long[] Recipients)> SubmitAsync(TempStore t, string sender, string subject, string[] to)
    {
        var content = Mail(subject, from: sender, to: string.Join(", ", to));
        var message = new NewQueueMessage("Q" + Guid.NewGuid().ToString("N")[..10], sender, [.. to.Select(a => new NewQueueRecipient(a))], content, T0, AuthenticatedUser: sender);
        return await t.Store.Writer.WriteAsync(tx =>
        {
            var q = QueueRepository.Insert(tx, message);
            var userId = DirectoryRepository.FindUserId(tx, sender)!.Value;
            var sent = MailboxRepository.Append(tx, userId, MailFolders.Sent, content, MessageFlags.Seen, T0);
            var id = TrackingRepository.Create(tx, q.MessageId, sender, null, subject, T0, q.RecipientIds.Zip(to), null, sent);
            return (id, sent, q.RecipientIds.ToArray());
        }, TestContext.Current.CancellationToken);
    }
}
