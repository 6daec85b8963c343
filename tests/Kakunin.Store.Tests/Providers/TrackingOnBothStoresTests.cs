using System.Text;
using Kakunin.Store.Tests.Postgres;
using Kakunin.Tracking;

namespace Kakunin.Store.Tests.Providers;

/// <summary>
/// Tracking of a sent message through the same calls on SQLite and on PostgreSQL: the record made at submission, an
/// outcome recorded by the queue inside its transaction, and what the sender's view reads back.
/// </summary>
public sealed class TrackingOnBothStoresTests(PostgresClusterFixture fixture) : IClassFixture<PostgresClusterFixture>
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(ProviderStore.Sqlite)]
    [InlineData(ProviderStore.Postgres)]
    public async Task A_tracked_message_shows_each_recipient_s_outcome_and_its_events(string provider)
    {
        await using var t = await ProviderStore.OpenAsync(provider, fixture.Cluster, Ct);
        var queued = await t.Store.Queue.EnqueueAsync(
            new NewQueueMessage("Q1", "alice@example.test", [new("bob@remote.test"), new("carol@remote.test")], Encoding.ASCII.GetBytes("Subject: hi\r\n\r\nbody\r\n"), T0),
            Ct);
        var trackingId = await t.Store.Writer.WriteAsync(
            tx => TrackingRepository.Create(tx, queued.MessageId, "alice@example.test", "<m1@example.test>", "hi", T0,
                [(queued.RecipientIds[0], "bob@remote.test"), (queued.RecipientIds[1], "carol@remote.test")]),
            Ct);
        await t.Store.Writer.WriteAsync(tx =>
        {
            Assert.True(TrackingRepository.RecordOutcome(tx, queued.RecipientIds[0], new TrackingUpdate(TrackingState.Delivered, T0.AddMinutes(1), Status: "2.0.0")));
            Assert.True(TrackingRepository.RecordOutcome(tx, queued.RecipientIds[1], new TrackingUpdate(TrackingState.Failed, T0.AddMinutes(2), Status: "5.1.1", Diagnostic: "550 5.1.1 no such user")));
            Assert.False(TrackingRepository.RecordOutcome(tx, queued.RecipientIds[1] + 100, new TrackingUpdate(TrackingState.Delivered, T0))); // not tracked
        }, Ct);

        var queries = new TrackingQueries(t.Store);
        var tracked = await queries.GetAsync("alice@example.test", trackingId, Ct);

        Assert.NotNull(tracked);
        Assert.Equal("<m1@example.test>", tracked.MessageId);
        Assert.Equal(T0, tracked.SubmittedAt);
        Assert.Equal(
            [("bob@remote.test", TrackingState.Delivered, "2.0.0"), ("carol@remote.test", TrackingState.Failed, "5.1.1")],
            tracked.Recipients.OrderBy(r => r.Address, StringComparer.Ordinal).Select(r => (r.Address, r.State, r.Status)));
        Assert.Equal("550 5.1.1 no such user", tracked.Recipients.Single(r => r.Address == "carol@remote.test").Diagnostic);
        var carol = tracked.Recipients.Single(r => r.Address == "carol@remote.test").Id;
        Assert.Equal([TrackingState.Queued, TrackingState.Failed], (await queries.GetEventsAsync(carol, Ct)).Select(e => e.State));
        Assert.Null(await queries.GetAsync("mallory@example.test", trackingId, Ct)); // another user's record is not theirs to see
        Assert.Equal(trackingId, (await queries.GetByQueueIdAsync("Q1", Ct))?.Id);
    }
}
