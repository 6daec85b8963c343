using System.Data.Common;
using System.Globalization;
using Kakunin.Protocol;
using Kakunin.Store;

namespace Kakunin.Tracking;

/// <summary>
/// The read side of tracking, for the webmail: summaries for a page of Sent items, one message's Tracking tab,
/// and the Tracking page's filtered lists. Every query is scoped to the sending user (sender_user), so a user
/// sees only their own mail's tracking.
/// </summary>
public sealed partial class TrackingQueries
{
    private const string RecipientColumns =
        "r.id, r.address, r.state, r.state_at, r.status, r.diagnostic, r.retry_until, r.evidence, r.read_state, r.read_at, r.read_evidence, " +
        "r.provenance, r.read_provenance, r.unverified_state, r.unverified_by, r.unverified_at";

    // The state words come from TrackingStates, the one place they are spelt; the queue's "pending" is counted as
    // queued for rows written before tracking had its own word.
    private static readonly string SummaryColumns =
        "t.id, COUNT(*), " +
        $"SUM(CASE WHEN r.state IN ({TrackingStates.Sql(TrackingState.Queued)}, 'pending') THEN 1 ELSE 0 END), " +
        $"SUM(CASE WHEN r.state IN ({TrackingStates.Sql(TrackingState.Deferred, TrackingState.Delayed)}) THEN 1 ELSE 0 END), " +
        $"SUM(CASE WHEN r.state = {TrackingStates.Sql(TrackingState.Delivered)} THEN 1 ELSE 0 END), " +
        $"SUM(CASE WHEN r.state = {TrackingStates.Sql(TrackingState.Relayed)} THEN 1 ELSE 0 END), " +
        $"SUM(CASE WHEN r.state = {TrackingStates.Sql(TrackingState.Expanded)} THEN 1 ELSE 0 END), " +
        $"SUM(CASE WHEN r.state = {TrackingStates.Sql(TrackingState.Failed)} THEN 1 ELSE 0 END), " +
        $"SUM(CASE WHEN r.read_state = {TrackingStates.Sql(TrackingState.Displayed)} THEN 1 ELSE 0 END), " +
        $"SUM(CASE WHEN r.read_state = {TrackingStates.Sql(TrackingState.Deleted)} THEN 1 ELSE 0 END)";

    // The condition and order of each filter; each reads one of the (sender_user, ...) indexes of migration 2.
    private static readonly Dictionary<TrackingFilter, (string Where, string Order)> Filters = new()
    {
        [TrackingFilter.All] = ("r.sender_user = @u", "r.id DESC"),
        [TrackingFilter.Failed] = ($"r.sender_user = @u AND r.state = {TrackingStates.Sql(TrackingState.Failed)}", "r.state_at DESC, r.id DESC"),
        [TrackingFilter.Delayed] = ($"r.sender_user = @u AND r.state IN ({TrackingStates.Sql(TrackingState.Deferred, TrackingState.Delayed)})", "r.state_at DESC, r.id DESC"),
        [TrackingFilter.Unread] = ("r.sender_user = @u AND r.awaiting_read_since <= @cutoff", "r.awaiting_read_since DESC, r.id DESC"),
        [TrackingFilter.Read] = ($"r.sender_user = @u AND r.read_state = {TrackingStates.Sql(TrackingState.Displayed)}", "r.read_at DESC, r.id DESC"),
    };

    private readonly KakuninStore _store;

    public TrackingQueries(KakuninStore store) => _store = store ?? throw new ArgumentNullException(nameof(store));

    /// <summary>The summaries of the user's Sent items among <paramref name="sentMessageIds"/>, keyed by Sent item id.</summary>
    public async Task<IReadOnlyDictionary<long, TrackingSummary>> GetSummariesAsync(string user, IReadOnlyCollection<long> sentMessageIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sentMessageIds);
        var result = new Dictionary<long, TrackingSummary>();
        if (sentMessageIds.Count == 0)
        {
            return result;
        }

        var owner = MailboxIdentity.KeyOf(user);
        var names = sentMessageIds.Select((_, i) => "@p" + i.ToString(CultureInfo.InvariantCulture)).ToList();
        var parameters = sentMessageIds.Select((id, i) => (names[i], (object?)id)).ToArray();
        await using var connection = await _store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        // Looked up by Sent item only, the owner checked on each row: with the owner in the WHERE clause the
        // planner may walk the user's whole (sender_user) index instead of the few Sent ids (measured: 18 ms vs 0.2).
        await using var command = Sql.Command(
            connection,
            $"SELECT t.sent_message_id, t.sender_user, {SummaryColumns} FROM tracking_messages t JOIN tracking_recipients r ON r.tracking_message_id = t.id " +
            $"WHERE t.sent_message_id IN ({string.Join(", ", names)}) GROUP BY t.id, t.sent_message_id, t.sender_user",
            parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (reader.GetString(1) == owner)
            {
                result[reader.GetInt64(0)] = ReadSummary(reader, 2);
            }
        }

        return result;
    }

    /// <summary>The tracking of the user's Sent item, or null when it has none (or is not theirs).</summary>
    public Task<TrackedMessage?> GetBySentMessageAsync(string user, long sentMessageId, CancellationToken cancellationToken) =>
        GetAsync(user, "t.sent_message_id = @k", sentMessageId, cancellationToken);

    /// <summary>One tracked message of the user by its tracking id, or null.</summary>
    public Task<TrackedMessage?> GetAsync(string user, long trackingId, CancellationToken cancellationToken) =>
        GetAsync(user, "t.id = @k", trackingId, cancellationToken);

    /// <summary>
    /// The tracking of a queued message by its queue id, whoever sent it (the administrator's view: the queue id
    /// is what logs and <c>kakunin queue</c> show), or null when it is not tracked.
    /// </summary>
    public Task<TrackedMessage?> GetByQueueIdAsync(string queueId, CancellationToken cancellationToken) =>
        GetAsync(null, "t.queue_message_id = (SELECT q.id FROM queue_messages q WHERE q.queue_id = @k)", queueId, cancellationToken);

    /// <summary>The events of one tracked recipient, in order (the administrator's view, like <see cref="GetByQueueIdAsync"/>).</summary>
    public async Task<IReadOnlyList<TrackingEventRecord>> GetEventsAsync(long trackingRecipientId, CancellationToken cancellationToken)
    {
        await using var connection = await _store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await ReadEventsAsync(connection, "e.tracking_recipient_id = @k", trackingRecipientId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Where a report in the user's mailbox stands as evidence (the evidence view): the provenance of the first
    /// tracking event it was recorded as, with who it named and who vouched; null when it is evidence for nothing.
    /// </summary>
    public async Task<TrackingEventRecord?> GetReportEventAsync(string user, long mailboxMessageId, CancellationToken cancellationToken)
    {
        var owner = MailboxIdentity.KeyOf(user);
        await using var connection = await _store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        var events = await ReadEventsAsync(
            connection, "e.evidence = @k AND r.sender_user = @u", TrackingRepository.MessageEvidence(mailboxMessageId), cancellationToken, ("@u", owner)).ConfigureAwait(false);
        return events.Count == 0 ? null : events[0];
    }

    /// <summary>
    /// One page of the Tracking page. <paramref name="unreadAfter"/> is how long after delivery a recipient without
    /// a read receipt counts as "unread" (the follow-up filter).
    /// </summary>
    public async Task<TrackingPage> GetPageAsync(
        string user, TrackingFilter filter, TimeSpan unreadAfter, int page, int pageSize, DateTimeOffset now, CancellationToken cancellationToken)
    {
        pageSize = Math.Clamp(pageSize, 1, MailboxRepository.MaxPageSize);
        page = Math.Max(1, page);
        var owner = MailboxIdentity.KeyOf(user);
        var cutoff = Sql.ToUnixMs(now - unreadAfter);
        await using var connection = await _store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);

        var (where, order) = Filters[filter];
        var rows = new List<TrackingRow>(pageSize);
        await using (var command = Sql.Command(
            connection,
            // The page's ids first, from the filter's index alone (covering: no table row is read for skipped or
            // sorted rows), then the rows of that page only.
            $"WITH page AS (SELECT r.id FROM tracking_recipients r WHERE {where} ORDER BY {order} LIMIT @limit OFFSET @offset) " +
            $"SELECT t.id, t.sent_message_id, t.subject, t.submitted_at, {RecipientColumns} FROM page JOIN tracking_recipients r ON r.id = page.id " +
            $"JOIN tracking_messages t ON t.id = r.tracking_message_id ORDER BY {order}",
            ("@u", owner), ("@cutoff", cutoff), ("@limit", pageSize + 1), ("@offset", (long)(page - 1) * pageSize)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(new TrackingRow(reader.GetInt64(0), Sql.NullableInt64(reader, 1), Sql.NullableString(reader, 2), Sql.FromUnixMs(reader.GetInt64(3)), ReadRecipient(reader, 4)));
            }
        }

        var hasMore = rows.Count > pageSize;
        if (hasMore)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        // Counts for the tabs that name a few rows (each one index range); "All" would count every recipient, so it has none.
        var counts = new Dictionary<TrackingFilter, long>();
        foreach (var (kind, (condition, _)) in Filters.Where(f => f.Key != TrackingFilter.All))
        {
            await using var count = Sql.Command(connection, $"SELECT COUNT(*) FROM tracking_recipients r WHERE {condition}", ("@u", owner), ("@cutoff", cutoff));
            counts[kind] = (long)(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        return new TrackingPage(rows, filter, page, pageSize, hasMore, counts);
    }

    // owner null: no owner check (administrator's view); otherwise another user's record reads as "none".
    private async Task<TrackedMessage?> GetAsync(string? user, string condition, object key, CancellationToken cancellationToken)
    {
        var owner = user is null ? null : MailboxIdentity.KeyOf(user);
        await using var connection = await _store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        long id;
        string sender;
        string? messageId, subject;
        DateTimeOffset submitted;
        long? sent;
        await using (var command = Sql.Command(
            connection,
            $"SELECT t.id, t.message_id, t.subject, t.submitted_at, t.sent_message_id, t.sender_user FROM tracking_messages t WHERE {condition}",
            ("@k", key)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            // By key only, the owner checked here (see GetSummariesAsync): another user's record is "none".
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false) || (owner is not null && reader.GetString(5) != owner))
            {
                return null;
            }

            (id, messageId, subject, submitted, sent, sender) = (reader.GetInt64(0), Sql.NullableString(reader, 1), Sql.NullableString(reader, 2), Sql.FromUnixMs(reader.GetInt64(3)), Sql.NullableInt64(reader, 4), reader.GetString(5));
        }

        var recipients = new List<TrackedRecipient>();
        await using (var command = Sql.Command(connection, $"SELECT {RecipientColumns} FROM tracking_recipients r WHERE r.tracking_message_id = @t ORDER BY r.id", ("@t", id)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                recipients.Add(ReadRecipient(reader, 0));
            }
        }

        var events = await ReadEventsAsync(connection, "r.tracking_message_id = @k", id, cancellationToken).ConfigureAwait(false);
        return new TrackedMessage(id, sender, messageId, subject, submitted, sent, recipients, events);
    }

    private static async Task<IReadOnlyList<TrackingEventRecord>> ReadEventsAsync(
        DbConnection connection, string condition, object key, CancellationToken cancellationToken, params (string Name, object? Value)[] more)
    {
        await using var command = Sql.Command(
            connection,
            "SELECT e.id, e.tracking_recipient_id, e.state, e.at, e.diagnostic, e.evidence, e.provenance, e.reported_by, e.vouched_by, e.status FROM tracking_events e " +
            $"JOIN tracking_recipients r ON r.id = e.tracking_recipient_id WHERE {condition} ORDER BY e.at, e.id",
            [("@k", key), .. more]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var events = new List<TrackingEventRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            events.Add(new TrackingEventRecord(
                reader.GetInt64(0), reader.GetInt64(1), TrackingStates.ParseEvent(reader.GetString(2)), Sql.FromUnixMs(reader.GetInt64(3)), Sql.NullableString(reader, 4),
                Sql.NullableString(reader, 5), Provenances.Parse(Sql.NullableString(reader, 6)), Sql.NullableString(reader, 7), Sql.NullableString(reader, 8),
                Sql.NullableString(reader, 9)));
        }

        return events;
    }

    private static TrackedRecipient ReadRecipient(DbDataReader reader, int o) => new(
        reader.GetInt64(o),
        reader.GetString(o + 1),
        TrackingStates.ParseDelivery(reader.GetString(o + 2)),
        Sql.FromUnixMs(reader.GetInt64(o + 3)),
        Sql.NullableString(reader, o + 4),
        Sql.NullableString(reader, o + 5),
        Sql.NullableTime(reader, o + 6),
        Sql.NullableString(reader, o + 7),
        TrackingStates.ParseRead(Sql.NullableString(reader, o + 8)),
        Sql.NullableTime(reader, o + 9),
        Sql.NullableString(reader, o + 10),
        Provenances.Parse(Sql.NullableString(reader, o + 11) ?? Provenance.Local.Word()),
        Sql.NullableString(reader, o + 12) is { } read ? Provenances.Parse(read) : null,
        Sql.NullableString(reader, o + 13) is { } claim
            ? new UnverifiedClaim(TrackingStates.ParseEvent(claim), Sql.NullableString(reader, o + 14), Sql.NullableTime(reader, o + 15) ?? DateTimeOffset.MinValue)
            : null);

    private static TrackingSummary ReadSummary(DbDataReader reader, int o)
    {
        int At(int i) => (int)reader.GetInt64(o + i);
        return new TrackingSummary(reader.GetInt64(o), At(1), At(2), At(3), At(4), At(5), At(6), At(7), At(8), At(9));
    }
}
