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
        string[] fields = ["event_id", "message_id", "internet_message_id", "recipient_id", "recipient", "state", "status", "status_meaning", "diagnostic", "remote_mta", "provenance", "evidence_url", "report"];
        Assert.Equal(fields, data.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Null, data.GetProperty("status").ValueKind);
        Assert.Equal(JsonValueKind.Null, data.GetProperty("report").ValueKind); // only an unmatched report has one
    }

    [Fact]
    public async Task A_report_tied_to_nothing_sent_is_an_unmatched_report_event_in_order_with_the_others()
    {
        await using var t = await TrackingStore.OpenAsync();
        await t.SendAsync(Alice, "<m1@example.com>", null, ("carol@remote.test", null));
        // A DSN about contract-42 / <m1@example.com> from another system: Alice sent nothing with that ENVID, and the
        // returned header's Message-ID is not hers either (hers is stored with angle brackets, so it does not match).
        var (mailboxId, match) = await t.ReceiveAsync(Alice, Fixtures.Inspect("dsn-failed-envid.eml"), TrackingStore.T0.AddMinutes(1));
        var later = await t.SendAsync(Alice, "<m2@example.com>", null, ("dave@remote.test", null));

        var page = await ReadAsync(t, null);

        Assert.False(match.IsMatched);
        Assert.Equal(["message.queued", "message.unmatched-report", "message.queued"], page.Events.Select(e => e.Type));
        var ids = page.Events.Select(e => long.Parse(e.Id["evt_".Length..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(ids.Order(), ids); // one sequence: the cursor orders both kinds
        var unmatched = page.Events[1];
        Assert.Equal("evt_" + match.UnmatchedEventId, unmatched.Id);
        Assert.Equal("2025-03-03T10:00:50Z", unmatched.Timestamp);
        var data = unmatched.Data;
        Assert.Equal((null, null, null, null, "unmatched"), (data.MessageId, data.RecipientId, data.Recipient, data.InternetMessageId, data.State));
        Assert.Equal("authenticated", data.Provenance); // DKIM of remote.test, the domain of the recipient it names
        Assert.Equal($"/api/v1/events/{unmatched.Id}/evidence", data.EvidenceUrl);
        var report = data.Report!;
        // The fixture's own fields, read by hand: RFC 3464 §2.2.1 Original-Envelope-Id, §2.3 per-recipient fields.
        Assert.Equal(("dsn", "<dsn-1@mx.remote.test>", "contract-42", "<m1@example.com>", "MAILER-DAEMON@mx.remote.test"),
            (report.Kind, report.MessageId, report.OriginalEnvelopeId, report.OriginalMessageId, report.ReportedBy));
        var named = Assert.Single(report.Recipients);
        Assert.Equal(("carol@remote.test", "failed", "5.1.1"), (named.Address, named.Action, named.Status));
        Assert.Null(named.Disposition);
        Assert.NotEqual(0, mailboxId);
        Assert.NotEqual(0, later);
        Assert.Empty((await ReadAsync(t, null, user: "bob@example.com")).Events); // Alice's, nobody else's
    }

    [Fact]
    public async Task A_denied_read_receipt_reads_back_as_message_denied()
    {
        await using var t = await TrackingStore.OpenAsync();
        await t.SendAsync(Alice, "m1@example.com", null, ("bob@remote.test", null));
        await t.ReceiveAsync(Alice, Fixtures.Inspect("mdn-denied.eml"), TrackingStore.T0.AddMinutes(1));

        var denied = (await ReadAsync(t, null)).Events[^1];

        Assert.Equal("message.denied", denied.Type);
        Assert.Equal(("bob@remote.test", "denied", "manual-action/MDN-sent-manually; denied"), (denied.Data.Recipient, denied.Data.State, denied.Data.Diagnostic));
        Assert.NotNull(denied.Data.EvidenceUrl);
    }

    [Theory]
    [InlineData(TrackingState.Deferred, "delayed")]
    [InlineData(TrackingState.Delayed, "delayed")]
    [InlineData(TrackingState.Displayed, "read")]
    [InlineData(TrackingState.Deleted, "deleted-unread")]
    [InlineData(TrackingState.Denied, "denied")]
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

    private static async Task<EventPage> ReadAsync(TrackingStore t, string? cursor, int limit = 100, string user = Alice)
    {
        await using var connection = await t.Store.OpenReadConnectionAsync(TestContext.Current.CancellationToken);
        return await EventPayloadReader.ReadAfterAsync(connection, user, cursor, limit, TestContext.Current.CancellationToken);
    }
}
