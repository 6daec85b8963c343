namespace Kakunin.Tracking;

/// <summary>One event of a tracked recipient, as recorded in tracking_events and (when the rule lets it) the current state.</summary>
/// <param name="State">A delivery state, or a read state for a read receipt.</param>
/// <param name="At">When it was learnt.</param>
/// <param name="Provenance">Where it came from (<see cref="Tracking.Provenance"/>).</param>
/// <param name="Status">The enhanced status code (RFC 3463), e.g. <c>5.1.1</c>.</param>
/// <param name="Diagnostic">The remote server's own words (Diagnostic-Code, RFC 3464 §2.3.6), or ours; for a read receipt the Disposition as written.</param>
/// <param name="RetryUntil">For deferred/delayed: when the reporting MTA gives up (Will-Retry-Until, RFC 3464 §2.3.9).</param>
/// <param name="Evidence">What proves it: "dsn:&lt;queue id&gt;" for a DSN we sent, "message:&lt;id&gt;" for a report in the mailbox, or the remote MTA.</param>
/// <param name="ReportedBy">For a report: who it says it is from (its From address, else the Reporting-MTA).</param>
/// <param name="VouchedBy">For an authenticated report: the domain whose DKIM signature or SPF pass vouched for it.</param>
public sealed record TrackingUpdate(
    TrackingState State,
    DateTimeOffset At,
    Provenance Provenance = Provenance.Local,
    string? Status = null,
    string? Diagnostic = null,
    DateTimeOffset? RetryUntil = null,
    string? Evidence = null,
    string? ReportedBy = null,
    string? VouchedBy = null);
