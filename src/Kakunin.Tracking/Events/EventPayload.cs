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
/// <param name="MessageId">The tracked message (msg_…); null for an unmatched report, which is about no message we know.</param>
/// <param name="RecipientId">The tracked recipient (rcp_…); null for an unmatched report.</param>
/// <param name="State">The state word after the event: the delivery state, or the read state for a read receipt
/// (a "denied" receipt: "denied", the read state itself unchanged); "unmatched" for an unmatched report.</param>
/// <param name="StatusMeaning">The enhanced status code's meaning in English (RFC 5248 registry), null without a code.</param>
/// <param name="RemoteMta">The server our queue last spoke to for this recipient, when it did.</param>
/// <param name="EvidenceUrl">Where the report behind the event is served as message/rfc822, null when no report is behind it.</param>
/// <param name="Report">For an unmatched report: what it is and what it names; null for every other event.</param>
public sealed record EventData(
    [property: JsonPropertyName("event_id")] string EventId,
    [property: JsonPropertyName("message_id")] string? MessageId,
    [property: JsonPropertyName("internet_message_id")] string? InternetMessageId,
    [property: JsonPropertyName("recipient_id")] string? RecipientId,
    [property: JsonPropertyName("recipient")] string? Recipient,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("status_meaning")] string? StatusMeaning,
    [property: JsonPropertyName("diagnostic")] string? Diagnostic,
    [property: JsonPropertyName("remote_mta")] string? RemoteMta,
    [property: JsonPropertyName("provenance")] string Provenance,
    [property: JsonPropertyName("evidence_url")] string? EvidenceUrl,
    [property: JsonPropertyName("report")] EventReport? Report = null);

/// <summary>The <c>data.report</c> of a <c>message.unmatched-report</c> event: the report itself, as received.</summary>
/// <param name="Kind">dsn, mdn or bounce.</param>
/// <param name="Format">The recogniser family: rfc3464, rfc8098, qmail, exchange, …</param>
/// <param name="MessageId">The report's own Message-ID, with angle brackets.</param>
/// <param name="OriginalEnvelopeId">Original-Envelope-Id (RFC 3464 §2.2.1), if the report gave one.</param>
/// <param name="OriginalMessageId">Original-Message-ID (RFC 8098 §3.2.5), or the Message-ID of the message a DSN returned.</param>
/// <param name="ReportedBy">Who the report says it is from (its From, else the Reporting-MTA or Reporting-UA).</param>
/// <param name="Recipients">The recipients it reports on.</param>
public sealed record EventReport(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("format")] string? Format,
    [property: JsonPropertyName("message_id")] string? MessageId,
    [property: JsonPropertyName("original_envelope_id")] string? OriginalEnvelopeId,
    [property: JsonPropertyName("original_message_id")] string? OriginalMessageId,
    [property: JsonPropertyName("reported_by")] string? ReportedBy,
    [property: JsonPropertyName("recipients")] IReadOnlyList<ReportedName> Recipients);
