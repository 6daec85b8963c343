namespace Kakunin.Store;

/// <summary>One delivery event of a tracked recipient, as recorded in tracking_events and (when it advances) the current state.</summary>
/// <param name="State">A <see cref="TrackingStates"/> delivery state.</param>
/// <param name="At">When it was learnt.</param>
/// <param name="Status">The enhanced status code (RFC 3463), e.g. <c>5.1.1</c>.</param>
/// <param name="Diagnostic">The remote server's own words (Diagnostic-Code, RFC 3464 §2.3.6), or ours.</param>
/// <param name="RetryUntil">For deferred/delayed: when the reporting MTA gives up (Will-Retry-Until, RFC 3464 §2.3.9).</param>
/// <param name="Evidence">What proves it: "dsn:&lt;queue id&gt;" for a DSN we sent, "message:&lt;id&gt;" for a report in the mailbox, or the remote MTA.</param>
public sealed record TrackingUpdate(
    string State,
    DateTimeOffset At,
    string? Status = null,
    string? Diagnostic = null,
    DateTimeOffset? RetryUntil = null,
    string? Evidence = null);
