using Kakunin.Store;
using Microsoft.Data.Sqlite;

namespace Kakunin.Tracking.Tests;

/// <summary>A real SQLite store in a temp folder with users alice and bob, and helpers to send and to receive reports.</summary>
internal sealed class TrackingStore : IAsyncDisposable
{
    public static readonly DateTimeOffset T0 = new(2025, 3, 3, 9, 59, 50, TimeSpan.Zero);

    private int _queueIds;

    private TrackingStore(string folder, KakuninStore store) => (Folder, Store) = (folder, store);

    public string Folder { get; }

    public KakuninStore Store { get; }

    public static async Task<TrackingStore> OpenAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "kakunin-tracking-" + Guid.NewGuid().ToString("N"));
        var store = await KakuninStore.OpenAsync(folder, new StoreOptions { PasswordIterations = 1000 }, TestContext.Current.CancellationToken);
        await store.Directory.AddDomainAsync("example.com", default);
        await store.Directory.AddUserAsync("alice@example.com", "pw", default);
        await store.Directory.AddUserAsync("bob@example.com", "pw", default);
        return new TrackingStore(folder, store);
    }

    /// <summary>Queues and tracks a message as submission does (queue rows and tracking record in one write); returns the tracking id.</summary>
    public Task<long> SendAsync(string sender, string messageId, string? envelopeId, params (string Address, string? Orcpt)[] recipients)
    {
        var queueId = "Q" + Interlocked.Increment(ref _queueIds);
        var message = new NewQueueMessage(
            queueId, sender,
            [.. recipients.Select(r => new NewQueueRecipient(r.Address, null, r.Orcpt is null ? null : "rfc822;" + r.Orcpt, r.Orcpt is null ? null : new Protocol.TypedAddress("rfc822", r.Orcpt)))],
            "Subject: x\r\n\r\nx\r\n"u8.ToArray(), T0, envelopeId, AuthenticatedUser: sender, SenderVerified: true);
        return Store.Writer.WriteAsync(tx =>
        {
            var q = QueueRepository.Insert(tx, message);
            return TrackingRepository.Create(tx, q.MessageId, sender, messageId, "Contract", T0, q.RecipientIds.Zip(recipients.Select(r => r.Address)), envelopeId);
        }, TestContext.Current.CancellationToken);
    }

    /// <summary>Stores a report in the user's Inbox and applies it, in one write, as local delivery does.</summary>
    public Task<(long MessageId, ReportMatch Match)> ReceiveAsync(string user, InboundReport report, DateTimeOffset at, ReportOrigin? origin = null) =>
        Store.Writer.WriteAsync(tx =>
        {
            var userId = DirectoryRepository.FindUserId(tx, user)!.Value;
            var id = MailboxRepository.Append(tx, userId, MailFolders.Inbox, "Subject: report\r\n\r\nx\r\n"u8.ToArray(), string.Empty, at);
            return (id, ReportIntake.Apply(tx, userId, user, report, id, at, origin));
        }, TestContext.Current.CancellationToken);

    /// <summary>Our queue handed a recipient to <paramref name="host"/> (queue_recipients.remote_mta).</summary>
    public async Task HandedToAsync(long trackingId, string address, string host)
    {
        long queueRecipientId;
        await using (var connection = await Store.OpenReadConnectionAsync(TestContext.Current.CancellationToken))
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT queue_recipient_id FROM tracking_recipients WHERE tracking_message_id = $t AND address = $a";
            command.Parameters.AddWithValue("$t", trackingId);
            command.Parameters.AddWithValue("$a", address);
            queueRecipientId = (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
        }

        await Store.Writer.WriteAsync(
            tx => QueueRepository.Update(tx, QueueRepository.GetRecipient(tx, queueRecipientId)! with { RemoteMta = host }),
            TestContext.Current.CancellationToken);
    }

    /// <summary>The tracking as the webmail reads it.</summary>
    public async Task<TrackedRecipient> TrackedAsync(long trackingId, string address) =>
        (await Store.TrackingQueries.GetAsync("alice@example.com", trackingId, TestContext.Current.CancellationToken))!.Recipients.Single(r => r.Address == address);

    /// <summary>The current-state row of one tracked recipient.</summary>
    public async Task<RecipientRow> RowAsync(long trackingId, string address)
    {
        await using var connection = await Store.OpenReadConnectionAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, state, state_at, status, diagnostic, retry_until, evidence, read_state, read_at, read_evidence FROM tracking_recipients WHERE tracking_message_id = $t AND address = $a";
        command.Parameters.AddWithValue("$t", trackingId);
        command.Parameters.AddWithValue("$a", address);
        await using var r = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        Assert.True(await r.ReadAsync(TestContext.Current.CancellationToken), $"no tracked recipient {address}");
        return new RecipientRow(
            r.GetInt64(0), r.GetString(1), Time(r, 2)!.Value, Text(r, 3), Text(r, 4), Time(r, 5), Text(r, 6), Text(r, 7), Time(r, 8), Text(r, 9));
    }

    /// <summary>The events of a tracked recipient: state, status and evidence, in order.</summary>
    public async Task<List<(string State, string? Status, string? Evidence)>> EventsAsync(long trackingRecipientId) =>
        [.. (await Store.TrackingQueries.GetEventsAsync(trackingRecipientId, TestContext.Current.CancellationToken)).Select(e => (e.State.EventWord(), StatusOf(e.Id), e.Evidence))];

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private string? StatusOf(long eventId)
    {
        using var connection = Store.OpenReadConnectionAsync(default).GetAwaiter().GetResult();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT status FROM tracking_events WHERE id = $id";
        command.Parameters.AddWithValue("$id", eventId);
        return command.ExecuteScalar() as string;
    }

    private static string? Text(System.Data.Common.DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static DateTimeOffset? Time(System.Data.Common.DbDataReader r, int i) => r.IsDBNull(i) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(i));
}

internal sealed record RecipientRow(
    long Id, string State, DateTimeOffset StateAt, string? Status, string? Diagnostic, DateTimeOffset? RetryUntil, string? Evidence,
    string? ReadState, DateTimeOffset? ReadAt, string? ReadEvidence);
