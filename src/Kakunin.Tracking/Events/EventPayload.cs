using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kakunin.Tracking.Events;

/// <summary>
/// One tracking event as applications see it, in the feed (<c>GET /api/v1/events</c>) and in webhooks: the Standard
/// Webhooks payload form (type, timestamp, data), snake_case, times in RFC 3339 UTC (EVENTS.md, docs/webhooks.md).
/// </summary>
/// <param name="Type"><c>message.&lt;type word&gt;</c> (<see cref="TrackingEventTypes"/>).</param>
/// <param name="Timestamp">When the event happened (tracking_events.at), RFC 3339 UTC.</param>
public sealed record EventPayload(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("timestamp")] string Timestamp,
    [property: JsonPropertyName("data")] EventData Data)
{
    private static readonly JsonSerializerOptions Options = new() { DefaultIgnoreCondition = JsonIgnoreCondition.Never, WriteIndented = false };

    /// <summary>The stable id of the event (also the webhook-id of its deliveries).</summary>
    [JsonIgnore]
    public string Id => Data.EventId;

    /// <summary>The event's type.</summary>
    [JsonIgnore]
    public TrackingEventType EventType { get; init; }

    /// <summary>The bytes sent: UTF-8 JSON, compact. A webhook's signature covers exactly these bytes.</summary>
    public byte[] ToUtf8Json() => JsonSerializer.SerializeToUtf8Bytes(this, Options);

    /// <summary>RFC 3339 §5.6 in UTC with "Z", milliseconds only when there are any (tracking times are whole milliseconds).</summary>
    public static string Rfc3339(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFF'Z'", CultureInfo.InvariantCulture);
}

/// <summary>The <c>data</c> of an <see cref="EventPayload"/>; every field is present, null when unknown.</summary>
/// <param name="State">The state word after the event: the delivery state, or the read state for a read receipt.</param>
/// <param name="StatusMeaning">The enhanced status code's meaning in English (RFC 5248 registry), null without a code.</param>
/// <param name="RemoteMta">The server our queue last spoke to for this recipient, when it did.</param>
/// <param name="EvidenceUrl">Where the report behind the event is served (helper "api"), null when no report is behind it.</param>
public sealed record EventData(
    [property: JsonPropertyName("event_id")] string EventId,
    [property: JsonPropertyName("message_id")] string MessageId,
    [property: JsonPropertyName("internet_message_id")] string? InternetMessageId,
    [property: JsonPropertyName("recipient_id")] string RecipientId,
    [property: JsonPropertyName("recipient")] string Recipient,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("status_meaning")] string? StatusMeaning,
    [property: JsonPropertyName("diagnostic")] string? Diagnostic,
    [property: JsonPropertyName("remote_mta")] string? RemoteMta,
    [property: JsonPropertyName("provenance")] string Provenance,
    [property: JsonPropertyName("evidence_url")] string? EvidenceUrl);
