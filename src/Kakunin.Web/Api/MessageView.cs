namespace Kakunin.Web.Api;

/// <summary>The answer to <c>GET /api/v1/messages/{id}</c>: a sent message and, per recipient, where it stands and why.</summary>
public sealed record MessageView(
    string Id,
    string? InternetMessageId,
    string? Subject,
    DateTimeOffset SubmittedAt,
    IReadOnlyList<RecipientView> Recipients);

/// <summary>One recipient: delivery state and read state, each with the time, its provenance and the report behind it.</summary>
/// <param name="State">queued, deferred (our queue retries), delayed (a remote reported it), relayed, expanded, delivered, failed, removed.</param>
/// <param name="Status">The enhanced status code (RFC 3463) of the latest delivery state, when known; <paramref name="StatusMeaning"/> says it in words.</param>
/// <param name="Diagnostic">The remote server's own words (or ours).</param>
/// <param name="RemoteMta">The server that answered, when the evidence names one (RFC 3464 Remote-MTA).</param>
/// <param name="EvidenceUrl">The report behind the state, as message/rfc822; null when none is stored.</param>
public sealed record RecipientView(
    string Id,
    string Address,
    string State,
    DateTimeOffset StateAt,
    string? Status,
    string? StatusMeaning,
    string? Diagnostic,
    string? RemoteMta,
    DateTimeOffset? RetryUntil,
    string Provenance,
    string? EvidenceUrl,
    ReadView? Read,
    IReadOnlyList<EventView> Events);

/// <summary>The read state from a read receipt (RFC 8098 §3.2.6.2 disposition type): displayed, deleted, dispatched, processed.</summary>
public sealed record ReadView(string State, DateTimeOffset? At, string? Provenance, string? EvidenceUrl);

/// <summary>One event of a recipient's timeline (evt_… as in the events feed).</summary>
/// <param name="State">A delivery state word, or "read:" and the disposition type for a read receipt.</param>
public sealed record EventView(
    string Id,
    string State,
    DateTimeOffset At,
    string? Status,
    string? Diagnostic,
    string Provenance,
    string? ReportedBy,
    string? VouchedBy,
    string? EvidenceUrl);
