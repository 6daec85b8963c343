using Kakunin.Tracking;
using Kakunin.Tracking.Events;

namespace Kakunin.Webhooks.Tests;

/// <summary>
/// The durable outbox of migration 13 (docs/webhooks.md): a tracking event and its deliveries are written by one
/// statement's trigger in one commit, only for the sender's enabled endpoints that subscribed to the event's type.
/// </summary>
public sealed class OutboxTests
{
    private const string Alice = "alice@example.com";

    [Fact]
    public async Task An_event_gets_a_delivery_for_each_of_the_senders_endpoints_that_subscribed_to_its_type()
    {
        await using var t = await OutboxStore.OpenAsync();
        var all = await t.AddEndpointAsync(Alice);
        var failures = await t.AddEndpointAsync(Alice, TrackingEventType.Failed);
        var bobs = await t.AddEndpointAsync("bob@example.com");

        var carol = await t.SendAsync(Alice, "carol@remote.test");
        await t.RecordAsync(carol, TrackingState.Failed);

        Assert.Equal([(all.Id, "queued"), (all.Id, "failed"), (failures.Id, "failed")], (await t.OutboxAsync()).OrderBy(d => d.Endpoint).ThenBy(d => d.State == "failed"));
        Assert.DoesNotContain(await t.OutboxAsync(), d => d.Endpoint == bobs.Id);
    }

    [Fact]
    public async Task The_triggers_mapping_of_states_to_types_is_the_event_feeds()
    {
        await using var t = await OutboxStore.OpenAsync();
        await t.AddEndpointAsync(Alice);
        var carol = await t.SendAsync(Alice, "carol@remote.test");
        var states = Enum.GetValues<TrackingState>().Where(s => s is not TrackingState.Unknown and not TrackingState.Queued).ToArray();
        foreach (var state in states)
        {
            await t.RecordAsync(carol, state);
        }

        var sent = (await t.OutboxAsync()).Select(d => d.State).ToHashSet();
        foreach (var state in states)
        {
            Assert.True(sent.Contains(state.EventWord()) == (TrackingEventTypes.Of(state) is not null), $"{state}: the trigger and TrackingEventTypes.Of disagree");
        }
    }

    [Fact]
    public async Task An_unmatched_report_gets_a_delivery_for_the_addressees_endpoints_in_the_commit_that_files_it()
    {
        await using var t = await OutboxStore.OpenAsync();
        var reports = await t.AddEndpointAsync(Alice, TrackingEventType.UnmatchedReport);
        var failures = await t.AddEndpointAsync(Alice, TrackingEventType.Failed);
        var bobs = await t.AddEndpointAsync("bob@example.com");
        var report = new InboundReport
        {
            Kind = Kakunin.Reports.Analysis.ReportKind.Mdn,
            Format = "rfc8098",
            MessageId = "mdn-9@remote.test",
            Keys = new ReportKeys { OriginalMessageId = "never-sent@example.com" },
            Recipients = [new ReportedRecipient("bob@remote.test", null)],
            ReportedBy = "bob@remote.test",
        };

        // Filed and recorded in one unit of work, as local delivery does; a failure after it leaves neither.
        await Assert.ThrowsAsync<InvalidOperationException>(() => t.Store.Writer.WriteAsync<long>(tx =>
        {
            FileUnmatched(tx, report);
            throw new InvalidOperationException("the rest of the delivery failed");
        }, TestContext.Current.CancellationToken));
        Assert.Empty(await t.OutboxAsync());

        var eventId = await t.Store.Writer.WriteAsync(tx => FileUnmatched(tx, report), TestContext.Current.CancellationToken);

        Assert.Equal([(reports.Id, "unmatched-report")], await t.OutboxAsync());
        Assert.DoesNotContain(await t.OutboxAsync(), d => d.Endpoint == failures.Id || d.Endpoint == bobs.Id);
        await using var connection = await t.Store.OpenReadConnectionAsync(TestContext.Current.CancellationToken);
        var payload = await EventPayloadReader.ReadAsync(connection, eventId, TestContext.Current.CancellationToken); // what the dispatcher sends
        Assert.Equal("message.unmatched-report", payload!.Type);
        Assert.Equal("<never-sent@example.com>", payload.Data.Report!.OriginalMessageId);
    }

    private static long FileUnmatched(Kakunin.Store.StoreTransaction tx, InboundReport report)
    {
        var alice = Kakunin.Store.DirectoryRepository.FindUserId(tx, Alice)!.Value;
        var mailboxId = Kakunin.Store.MailboxRepository.Append(tx, alice, Kakunin.Store.MailFolders.Inbox, "Subject: report\r\n\r\nx\r\n"u8.ToArray(), string.Empty, OutboxStore.T0);
        return UnmatchedReports.Record(tx, Alice, report, mailboxId, OutboxStore.T0, Provenance.Unverified, null);
    }

    [Fact]
    public async Task A_unit_of_work_that_fails_after_the_event_leaves_neither_the_event_nor_its_delivery()
    {
        await using var t = await OutboxStore.OpenAsync();
        await t.AddEndpointAsync(Alice);
        var carol = await t.SendAsync(Alice, "carol@remote.test");
        var before = await t.OutboxAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => t.Store.Writer.WriteAsync(tx =>
        {
            TrackingRepository.Record(tx, carol, new TrackingUpdate(TrackingState.Delivered, OutboxStore.T0));
            throw new InvalidOperationException("the rest of the change failed");
        }, TestContext.Current.CancellationToken));

        Assert.Equal(before, await t.OutboxAsync());
        Assert.DoesNotContain((await t.Store.TrackingQueries.GetEventsAsync(carol, TestContext.Current.CancellationToken)), e => e.State == TrackingState.Delivered);
    }

    [Fact]
    public async Task A_disabled_or_deleted_endpoint_gets_no_new_deliveries()
    {
        await using var t = await OutboxStore.OpenAsync();
        var endpoint = await t.AddEndpointAsync(Alice);
        await t.Store.Writer.WriteAsync(tx => tx.Execute("UPDATE webhook_endpoints SET enabled = 0"), TestContext.Current.CancellationToken);
        await t.SendAsync(Alice, "carol@remote.test");
        Assert.Empty(await t.OutboxAsync());

        Assert.True(await t.Endpoints.EnableAsync(Alice, endpoint.Id, TestContext.Current.CancellationToken));
        await t.SendAsync(Alice, "dave@remote.test");
        Assert.Single(await t.OutboxAsync());

        Assert.False(await t.Endpoints.DeleteAsync("bob@example.com", endpoint.Id, TestContext.Current.CancellationToken)); // not bob's
        Assert.True(await t.Endpoints.DeleteAsync(Alice, endpoint.Id, TestContext.Current.CancellationToken));
        await t.SendAsync(Alice, "erin@remote.test");
        Assert.Empty(await t.OutboxAsync());
    }

    [Fact]
    public async Task A_commit_that_adds_deliveries_is_announced_on_the_outbox_channel()
    {
        await using var t = await OutboxStore.OpenAsync();
        await t.AddEndpointAsync(Alice);
        var heard = new TaskCompletionSource();
        using var subscription = t.Store.Changes.Subscribe(Store.Webhooks.WebhookSchema.OutboxChannel, _ => heard.TrySetResult());

        await t.SendAsync(Alice, "carol@remote.test");

        await heard.Task.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Deleting_a_user_deletes_their_endpoints_and_log()
    {
        await using var t = await OutboxStore.OpenAsync();
        await t.AddEndpointAsync(Alice);
        await t.AddEndpointAsync("bob@example.com");
        await t.SendAsync(Alice, "carol@remote.test");

        Assert.True(await t.Store.Directory.DeleteUserAsync(Alice, TestContext.Current.CancellationToken));

        Assert.Empty(await t.Endpoints.ListAsync(Alice, TestContext.Current.CancellationToken));
        Assert.Empty(await t.OutboxAsync());
        Assert.Single(await t.Endpoints.ListAsync("bob@example.com", TestContext.Current.CancellationToken));
    }
}
