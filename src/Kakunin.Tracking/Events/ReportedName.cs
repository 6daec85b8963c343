using System.Text.Json.Serialization;

namespace Kakunin.Tracking.Events;

/// <summary>
/// One recipient an unmatched report speaks of, as stored in report_events.names and sent in the payload's
/// <c>data.report.recipients</c>: delivery reports give action and status (RFC 3464 §2.3.3, §2.3.4), read receipts the
/// Disposition as written (RFC 8098 §3.2.6); what the report did not say is null.
/// </summary>
public sealed record ReportedName(
    [property: JsonPropertyName("address")] string Address,
    [property: JsonPropertyName("original_recipient")] string? OriginalRecipient,
    [property: JsonPropertyName("action")] string? Action,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("diagnostic")] string? Diagnostic,
    [property: JsonPropertyName("disposition")] string? Disposition);
