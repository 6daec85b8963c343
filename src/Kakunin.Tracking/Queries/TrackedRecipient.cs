namespace Kakunin.Tracking;

/// <summary>One recipient of a sent message as the Tracking tab shows it.</summary>
/// <param name="Status">The enhanced status code of the latest delivery state (RFC 3463), when known.</param>
/// <param name="Diagnostic">The remote server's own words (or ours) for the latest delivery state.</param>
/// <param name="RetryUntil">For a delayed recipient: when retrying stops.</param>
/// <param name="Evidence">What proves the delivery state: "message:&lt;id&gt;" for a report in the sender's mailbox, "dsn:&lt;queue id&gt;", or a remote MTA.</param>
/// <param name="ReadState">A read state, or null: no receipt yet.</param>
/// <param name="Provenance">Where the current delivery state came from.</param>
/// <param name="ReadProvenance">Where the current read state came from.</param>
/// <param name="Unverified">The latest unverified report, which changed nothing, when there is one.</param>
public sealed record TrackedRecipient(
    long Id,
    string Address,
    TrackingState State,
    DateTimeOffset StateAt,
    string? Status,
    string? Diagnostic,
    DateTimeOffset? RetryUntil,
    string? Evidence,
    TrackingState? ReadState,
    DateTimeOffset? ReadAt,
    string? ReadEvidence,
    Provenance Provenance = Provenance.Local,
    Provenance? ReadProvenance = null,
    UnverifiedClaim? Unverified = null);

/// <summary>What an unverified report claimed (a state), who it named as its sender, and when it came.</summary>
public sealed record UnverifiedClaim(TrackingState State, string? ReportedBy, DateTimeOffset At);
