namespace Kakunin.Tracking;

/// <summary>One append-only tracking event of a recipient.</summary>
/// <param name="State">The delivery state, or the read state of a read receipt (<see cref="TrackingStates.ParseEvent"/>).</param>
/// <param name="ReportedBy">For a report: who it says it is from.</param>
/// <param name="VouchedBy">For an authenticated report: the domain that vouched for it.</param>
public sealed record TrackingEventRecord(
    long Id,
    long TrackingRecipientId,
    TrackingState State,
    DateTimeOffset At,
    string? Diagnostic,
    string? Evidence,
    Provenance Provenance = Provenance.Local,
    string? ReportedBy = null,
    string? VouchedBy = null,
    string? Status = null);
