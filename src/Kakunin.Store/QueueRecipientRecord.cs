using Kakunin.Protocol;

namespace Kakunin.Store;

/// <summary>One queue recipient: parameters as received, state, attempts, last result, and which DSNs were sent.</summary>
/// <param name="ParentId">For a recipient created by alias expansion, the alias's recipient.</param>
/// <param name="Status">The last enhanced status code (RFC 3463), e.g. <c>5.1.1</c>.</param>
/// <param name="DiagnosticType">The Diagnostic-Code type: <c>smtp</c> for a remote reply (RFC 3464 §2.3.6), <c>x-kakunin</c> for our own words.</param>
/// <param name="Diagnostic">The remote server's words (or ours) from the last attempt.</param>
public sealed record QueueRecipientRecord(
    long Id,
    long MessageId,
    long? ParentId,
    string Address,
    DsnNotify? Notify,
    string? OriginalRecipientParameter,
    TypedAddress? OriginalRecipient,
    RecipientState State,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    DateTimeOffset? LastAttemptAt,
    string? Status,
    string? DiagnosticType,
    string? Diagnostic,
    string? RemoteMta,
    bool SuccessDsnSent,
    bool DelayDsnSent,
    bool FailureDsnSent,
    DateTimeOffset UpdatedAt);
