using System.Text.Json;
using Kakunin.Tracking.Events;

namespace Kakunin.Tracking.Tests;

/// <summary>
/// The events applications read (EVENTS.md; docs/webhooks.md): a real store, messages sent and outcomes recorded as
/// the queue records them, read back as the payloads the feed and the webhooks carry.
/// </summary>
public sealed class EventFeedTests
{
    private const string Alice = "alice@example.com";

    [Fact]
    public async Task A_failure_reads_back_as_message_failed_with_its_status_meaning_and_the_receiving_server()
    {
        await using var t = await TrackingStore.OpenAsync();
        var tracking = await t.SendAsync(Alice, "<m1@example.com>", null, ("carol@remote.test", null));
        await t.HandedToAsync(tracking, "carol@remote.test", "mx.remote.test");
        var carol = await t.RowAsync(tracking, "carol@remote.test");
        await t.Store.Writer.WriteAsync(
            tx => TrackingRepository.Record(tx, carol.Id, new TrackingUpdate(TrackingState.Failed, TrackingStore.T0.AddSeconds(5), Status: "5.1.1", Diagnostic: "550 5.1.1 no such user")),
            TestContext.Current.CancellationToken);

        var page = await ReadAsync(t, null);

        Assert.Equal(["message.queued", "message.failed"], page.Events.Select(e => e.Type));
        var failed = page.Events[1];
        Assert.Equal("2025-03-03T09:59:55Z", failed.Timestamp);
        Assert.Equal(("rcp_" + carol.Id, "carol@remote.test", "failed", "5.1.1", "mx.remote.test", "local", "<m1@example.com>", "msg_" + tracking),
            (failed.Data.RecipientId, failed.Data.Recipient, failed.Data.State, failed.Data.Status, failed.Data.RemoteMta, failed.Data.Provenance, failed.Data.InternetMessageId, failed.Data.MessageId));
        Assert.Contains("mailbox", failed.Data.StatusMeaning, StringComparison.OrdinalIgnoreCase); // RFC 3463 X.1.1: bad destination mailbox address
        Assert.Null(failed.Data.EvidenceUrl);
        Assert.Equal(page.NextCursor, failed.Id);
    }

    [Fact]
    public async Task The_cursor_returns_only_later_events_and_only_the_senders_own()
    {
        await using var t = await TrackingStore.OpenAsync();
        await t.SendAsync(Alice, "<m1@example.com>", null, ("carol@remote.test", null), ("dave@remote.test", null));
        var first = await ReadAsync(t, null, limit: 1);
        await t.SendAsync("bob@example.com", "<b1@example.com>", null, ("erin@remote.test", null));

        var rest = await ReadAsync(t, first.NextCursor);

        Assert.True(first.HasMore);
        Assert.Equal(["carol@remote.test"], first.Events.Select(e => e.Data.Recipient));
        Assert.Equal(["dave@remote.test"], rest.Events.Select(e => e.Data.Recipient));
        Assert.False(rest.HasMore);
        Assert.Equal(rest.NextCursor, (await ReadAsync(t, rest.NextCursor)).NextCursor); // an empty page keeps the cursor
    }

    [Fact]
    public async Task The_payload_is_snake_case_json_with_every_field_present()
    {
        await using var t = await TrackingStore.OpenAsync();
        await t.SendAsync(Alice, "<m1@example.com>", null, ("carol@remote.test", null));

        var json = JsonDocument.Parse((await ReadAsync(t, null)).Events[0].ToUtf8Json()).RootElement;

        Assert.Equal("message.queued", json.GetProperty("type").GetString());
        Assert.Equal("2025-03-03T09:59:50Z", json.GetProperty("timestamp").GetString());
        var data = json.GetProperty("data");
        string[] fields = ["event_id", "message_id", "internet_message_id", "recipient_id", "recipient", "state", "status", "status_meaning", "diagnostic", "remote_mta", "provenance", "evidence_url"];
        Assert.Equal(fields, data.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Null, data.GetProperty("status").ValueKind);
    }

    [Theory]
    [InlineData(TrackingState.Deferred, "delayed")]
    [InlineData(TrackingState.Delayed, "delayed")]
    [InlineData(TrackingState.Displayed, "read")]
    [InlineData(TrackingState.Deleted, "deleted-unread")]
    [InlineData(TrackingState.Removed, null)]
    [InlineData(TrackingState.Processed, null)]
    public void States_map_to_the_issues_event_types(TrackingState state, string? type) =>
        Assert.Equal(type, TrackingEventTypes.Of(state)?.Word());

    [Fact]
    public async Task A_cursor_that_is_not_an_event_id_is_refused()
    {
        await using var t = await TrackingStore.OpenAsync();
        await Assert.ThrowsAsync<FormatException>(() => ReadAsync(t, "msg_3"));
    }

    private static async Task<EventPage> ReadAsync(TrackingStore t, string? cursor, int limit = 100)
    {
        await using var connection = await t.Store.OpenReadConnectionAsync(TestContext.Current.CancellationToken);
        return await EventPayloadReader.ReadAfterAsync(connection, Alice, cursor, limit, TestContext.Current.CancellationToken);
    }
}
