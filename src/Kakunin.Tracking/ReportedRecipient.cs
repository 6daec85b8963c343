using Kakunin.Protocol;
using Kakunin.Reports.Analysis;
using Kakunin.Reports.Dsn;
using Kakunin.Reports.Mdn;

namespace Kakunin.Tracking;

/// <summary>What a report says about one recipient: a delivery outcome (DSN, bounce) or a read outcome (MDN).</summary>
/// <param name="Address">Final-Recipient (RFC 3464 §2.3.2, RFC 8098 §3.2.4), or the address a bounce names.</param>
/// <param name="OriginalRecipient">Original-Recipient: the ORCPT we (or the client) gave (RFC 3461 §4.2).</param>
public sealed record ReportedRecipient(string Address, string? OriginalRecipient, DeliveryOutcome? Delivery = null, ReadOutcome? Read = null);

/// <summary>A delivery outcome (RFC 3464 §2.3).</summary>
/// <param name="Action">delivered, relayed, expanded, delayed or failed (§2.3.3).</param>
/// <param name="Status">The enhanced status code (§2.3.4, RFC 3463).</param>
/// <param name="Diagnostic">Diagnostic-Code: the remote server's own words (§2.3.6).</param>
/// <param name="WillRetryUntil">Will-Retry-Until, for delayed (§2.3.9).</param>
/// <param name="RemoteMta">Remote-MTA (§2.3.5), or the host a bounce names.</param>
/// <param name="Reason">Why, in the reports library's taxonomy.</param>
/// <param name="HardBounce">Retrying this address is pointless.</param>
public sealed record DeliveryOutcome(
    DsnAction Action,
    EnhancedStatusCode? Status,
    string? Diagnostic,
    DateTimeOffset? WillRetryUntil,
    string? RemoteMta,
    BounceReason Reason,
    bool HardBounce);

/// <summary>A read outcome: the MDN's Disposition (RFC 8098 §3.2.6).</summary>
/// <param name="Disposition">Parsed: action mode, sending mode, type, modifiers.</param>
/// <param name="Written">The field as received, kept as evidence.</param>
public sealed record ReadOutcome(Disposition Disposition, string Written)
{
    /// <summary>The read state of the disposition type: displayed, deleted, dispatched, processed (RFC 8098 §3.2.6.2) or denied (RFC 3798).</summary>
    public TrackingState State => Disposition.Type switch
    {
        DispositionType.Displayed => TrackingState.Displayed,
        DispositionType.Deleted => TrackingState.Deleted,
        DispositionType.Dispatched => TrackingState.Dispatched,
        DispositionType.Denied => TrackingState.Denied,
        _ => TrackingState.Processed,
    };
}
