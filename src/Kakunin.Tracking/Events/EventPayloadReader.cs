using System.Data.Common;
using System.Text.Json;
using Kakunin.Protocol;
using Kakunin.Store;

namespace Kakunin.Tracking.Events;

/// <summary>
/// Builds <see cref="EventPayload"/>s from tracking_events rows, on a read connection: a user's events after a
/// cursor (the API's feed) and one event by id (the webhook dispatcher). Only events with a type
/// (<see cref="TrackingEventTypes.Of"/>, or an unmatched report) are read. Tracked events and unmatched reports are
/// rows of the one table (migration 14), so one cursor orders both.
/// </summary>
public static class EventPayloadReader
{
    /// <summary>The most events a page holds.</summary>
    public const int MaxPageSize = 500;

    private const string Select =
        "SELECT e.id, e.state, e.at, e.status, e.diagnostic, e.evidence, e.provenance, r.id, r.address, r.tracking_message_id, m.message_id, q.remote_mta, " +
        "e.reported_by, x.kind, x.format, x.report_message_id, x.original_envelope_id, x.original_message_id, x.names " +
        "FROM tracking_events e LEFT JOIN tracking_recipients r ON r.id = e.tracking_recipient_id LEFT JOIN tracking_messages m ON m.id = r.tracking_message_id " +
        "LEFT JOIN queue_recipients q ON q.id = r.queue_recipient_id LEFT JOIN report_events x ON x.event_id = e.id ";

    private static readonly string TypedStates = string.Join(", ", TrackingEventTypes.ByEventWord.Keys.Select(w => "'" + w + "'"));

    /// <summary>
    /// The events of <paramref name="user"/> (of messages they sent, and reports that came back to them tied to none)
    /// with ids above <paramref name="cursor"/> (null or empty: from the first), oldest first, at most
    /// <paramref name="limit"/> (1 to <see cref="MaxPageSize"/>).
    /// Throws <see cref="FormatException"/> for a cursor that is not an event id.
    /// </summary>
    public static async Task<EventPage> ReadAfterAsync(DbConnection connection, string user, string? cursor, int limit, CancellationToken cancellationToken)
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
            Select + $"WHERE e.sender_user = @u AND e.id > @after AND e.state IN ({TypedStates}) ORDER BY e.id LIMIT @n",
            ("@u", MailboxIdentity.KeyOf(user)), ("@after", after), ("@n", limit + 1));
        var events = await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
        var more = events.Count > limit;
        if (more)
        {
            events.RemoveAt(events.Count - 1);
        }

        return new EventPage(events, events.Count > 0 ? events[^1].Id : EventIds.Event(after), more);
    }

    /// <summary>One event by its tracking_events id; null when there is none or it has no type.</summary>
    public static async Task<EventPayload?> ReadAsync(DbConnection connection, long eventId, CancellationToken cancellationToken)
    {
        await using var command = CreateReadCommand(connection);
        return await ReadAsync(command, eventId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The command that reads one event (see <see cref="ReadAsync(DbCommand, long, CancellationToken)"/>), for a caller
    /// that reads many on one connection: run again, SQLite's statement is prepared once (the webhook dispatcher: a
    /// 5-table join prepared anew per webhook was most of its read cost, docs/benchmarks.md §13 run M).
    /// </summary>
    public static DbCommand CreateReadCommand(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return Sql.Command(connection, Select + $"WHERE e.id = @id AND e.state IN ({TypedStates})", ("@id", 0L));
    }

    /// <summary>One event by id with <paramref name="command"/> from <see cref="CreateReadCommand"/>; null when it has no type sent.</summary>
    public static async Task<EventPayload?> ReadAsync(DbCommand command, long eventId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Parameters["@id"].Value = eventId;
        var events = await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
        return events.Count == 0 ? null : events[0];
    }

    /// <summary>The evidence text of one of <paramref name="user"/>'s events ("message:&lt;id&gt;", "dsn:&lt;queue id&gt;", a host); null when they have no such event.</summary>
    public static async Task<(bool Found, string? Evidence)> ReadEvidenceAsync(DbConnection connection, string user, long eventId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(user);
        await using var command = Sql.Command(
            connection, "SELECT evidence FROM tracking_events WHERE id = @id AND sender_user = @u", ("@id", eventId), ("@u", MailboxIdentity.KeyOf(user)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? (true, Sql.NullableString(reader, 0)) : (false, null);
    }

    /// <summary>The URL of the report behind an event: <c>/api/v1/events/{event}/evidence</c>.</summary>
    public static string EvidenceUrl(long eventId) => $"/api/v1/events/{EventIds.Event(eventId)}/evidence";

    private static async Task<List<EventPayload>> ReadAllAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var events = new List<EventPayload>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var word = reader.GetString(1);
            if (TrackingEventTypes.OfEventWord(word) is not { } type)
            {
                continue;
            }

            var id = reader.GetInt64(0);
            var at = EventPayload.Rfc3339(Sql.FromUnixMs(reader.GetInt64(2)));
            var provenance = Provenances.Parse(Sql.NullableString(reader, 6)).Word();
            var evidence = Sql.NullableString(reader, 5);
            if (type == TrackingEventType.UnmatchedReport)
            {
                events.Add(new EventPayload(type.PayloadType(), at, Unmatched(reader, id, provenance, evidence)) { EventType = type });
                continue;
            }

            var status = Sql.NullableString(reader, 3);
            var messageId = reader.GetInt64(9);
            var data = new EventData(
                EventIds.Event(id),
                EventIds.Message(messageId),
                EventIds.InternetMessageId(Sql.NullableString(reader, 10)),
                EventIds.Recipient(reader.GetInt64(7)),
                reader.GetString(8),
                TrackingStates.ParseEvent(word).Word(),
                status,
                Meaning(status),
                Sql.NullableString(reader, 4),
                Sql.NullableString(reader, 11),
                provenance,
                HasReport(evidence) ? $"/api/v1/messages/{EventIds.Message(messageId)}/evidence/{EventIds.Event(id)}" : null);
            events.Add(new EventPayload(type.PayloadType(), at, data) { EventType = type });
        }

        return events;
    }

    // An unmatched report: no message, no recipient; what it names comes from report_events.
    private static EventData Unmatched(DbDataReader reader, long id, string provenance, string? evidence)
    {
        var names = Sql.NullableString(reader, 18) is { } json ? JsonSerializer.Deserialize<List<ReportedName>>(json) ?? [] : [];
        var report = new EventReport(
            Sql.NullableString(reader, 13) ?? "unknown",
            Sql.NullableString(reader, 14),
            EventIds.InternetMessageId(Sql.NullableString(reader, 15)),
            Sql.NullableString(reader, 16),
            EventIds.InternetMessageId(Sql.NullableString(reader, 17)),
            Sql.NullableString(reader, 12),
            names);
        return new EventData(
            EventIds.Event(id), null, null, null, null, ReportStates.Unmatched, null, null, null, null, provenance,
            HasReport(evidence) ? EvidenceUrl(id) : null, report);
    }

    // A report stored in the sender's mailbox ("message:<id>") or our own DSN ("dsn:<queue id>") is behind the event.
    private static bool HasReport(string? evidence) =>
        evidence is not null && (evidence.StartsWith("message:", StringComparison.Ordinal) || evidence.StartsWith("dsn:", StringComparison.Ordinal));

    private static string? Meaning(string? status) =>
        status is not null && EnhancedStatusCode.TryParse(status, out var code) ? EnhancedStatusCodeRegistry.Describe(code.Value) : null;
}
