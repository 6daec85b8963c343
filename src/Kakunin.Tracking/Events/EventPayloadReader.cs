using Kakunin.Protocol;
using Kakunin.Store;
using Microsoft.Data.Sqlite;

namespace Kakunin.Tracking.Events;

/// <summary>
/// Builds <see cref="EventPayload"/>s from tracking_events rows, on a read connection: a user's events after a
/// cursor (the API's feed) and one event by id (the webhook dispatcher). Only events with a type
/// (<see cref="TrackingEventTypes.Of"/>) are read.
/// </summary>
public static class EventPayloadReader
{
    /// <summary>The most events a page holds.</summary>
    public const int MaxPageSize = 500;

    private const string Select =
        "SELECT e.id, e.state, e.at, e.status, e.diagnostic, e.evidence, e.provenance, r.id, r.address, r.tracking_message_id, m.message_id, q.remote_mta " +
        "FROM tracking_events e JOIN tracking_recipients r ON r.id = e.tracking_recipient_id JOIN tracking_messages m ON m.id = r.tracking_message_id " +
        "LEFT JOIN queue_recipients q ON q.id = r.queue_recipient_id ";

    private static readonly string TypedStates = string.Join(", ", TrackingEventTypes.ByEventWord.Keys.Select(w => "'" + w + "'"));

    /// <summary>
    /// The events of messages <paramref name="user"/> sent, with ids above <paramref name="cursor"/> (null or empty:
    /// from the first), oldest first, at most <paramref name="limit"/> (1 to <see cref="MaxPageSize"/>).
    /// Throws <see cref="FormatException"/> for a cursor that is not an event id.
    /// </summary>
    public static async Task<EventPage> ReadAfterAsync(SqliteConnection connection, string user, string? cursor, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(user);
        var after = 0L;
        if (!string.IsNullOrEmpty(cursor) && !EventIds.TryParseEvent(cursor, out after))
        {
            throw new FormatException($"Not an event cursor: {cursor}");
        }

        limit = Math.Clamp(limit, 1, MaxPageSize);
        await using var command = Sql.Command(
            connection,
            Select + $"WHERE r.sender_user = $u AND e.id > $after AND e.state IN ({TypedStates}) ORDER BY e.id LIMIT $n",
            ("$u", MailboxIdentity.KeyOf(user)), ("$after", after), ("$n", limit + 1));
        var events = await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
        var more = events.Count > limit;
        if (more)
        {
            events.RemoveAt(events.Count - 1);
        }

        return new EventPage(events, events.Count > 0 ? events[^1].Id : EventIds.Event(after), more);
    }

    /// <summary>One event by its tracking_events id; null when there is none or it has no type.</summary>
    public static async Task<EventPayload?> ReadAsync(SqliteConnection connection, long eventId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = Sql.Command(connection, Select + $"WHERE e.id = $id AND e.state IN ({TypedStates})", ("$id", eventId));
        var events = await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
        return events.Count == 0 ? null : events[0];
    }

    private static async Task<List<EventPayload>> ReadAllAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var events = new List<EventPayload>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var state = TrackingStates.ParseEvent(reader.GetString(1));
            if (TrackingEventTypes.Of(state) is not { } type)
            {
                continue;
            }

            var id = reader.GetInt64(0);
            var status = Sql.NullableString(reader, 3);
            var evidence = Sql.NullableString(reader, 5);
            var messageId = reader.GetInt64(9);
            var data = new EventData(
                EventIds.Event(id),
                EventIds.Message(messageId),
                Sql.NullableString(reader, 10),
                EventIds.Recipient(reader.GetInt64(7)),
                reader.GetString(8),
                state.Word(),
                status,
                Meaning(status),
                Sql.NullableString(reader, 4),
                Sql.NullableString(reader, 11),
                Provenances.Parse(Sql.NullableString(reader, 6)).Word(),
                HasReport(evidence) ? $"/api/v1/messages/{EventIds.Message(messageId)}/evidence/{EventIds.Event(id)}" : null);
            events.Add(new EventPayload(type.PayloadType(), EventPayload.Rfc3339(Sql.FromUnixMs(reader.GetInt64(2))), data) { EventType = type });
        }

        return events;
    }

    // A report stored in the sender's mailbox ("message:<id>") or our own DSN ("dsn:<queue id>") is behind the event.
    private static bool HasReport(string? evidence) =>
        evidence is not null && (evidence.StartsWith("message:", StringComparison.Ordinal) || evidence.StartsWith("dsn:", StringComparison.Ordinal));

    private static string? Meaning(string? status) =>
        status is not null && EnhancedStatusCode.TryParse(status, out var code) ? EnhancedStatusCodeRegistry.Describe(code.Value) : null;
}
