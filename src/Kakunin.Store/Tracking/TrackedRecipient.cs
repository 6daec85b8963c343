namespace Kakunin.Store.Tracking;

/// <summary>One recipient of a sent message as the Tracking tab shows it.</summary>
/// <param name="Status">The enhanced status code of the latest delivery state (RFC 3463), when known.</param>
/// <param name="Diagnostic">The remote server's own words (or ours) for the latest delivery state.</param>
/// <param name="RetryUntil">For a delayed recipient: when retrying stops.</param>
/// <param name="Evidence">What proves the delivery state: "message:&lt;id&gt;" for a report in the sender's mailbox, "dsn:&lt;queue id&gt;", or a remote MTA.</param>
/// <param name="ReadState">An RFC 8098 disposition type (displayed, deleted, dispatched, processed), or null: no receipt yet.</param>
public sealed record TrackedRecipient(
    long Id,
    string Address,
    string State,
    DateTimeOffset StateAt,
    string? Status,
    string? Diagnostic,
    DateTimeOffset? RetryUntil,
    string? Evidence,
    string? ReadState,
    DateTimeOffset? ReadAt,
    string? ReadEvidence);
