namespace Kakunin.Tracking;

/// <summary>How the recipients of one sent message stand, for the one-line summary ("Delivered 2/3 · Read 1/3").</summary>
/// <param name="Pending">Queued or not yet tried.</param>
/// <param name="Delayed">Tried, failing temporarily, still retrying (our queue's "deferred" or a remote "delayed" report).</param>
/// <param name="Read">Displayed (RFC 8098 "displayed").</param>
/// <param name="DeletedUnread">Deleted without being displayed.</param>
public sealed record TrackingSummary(
    long TrackingId,
    int Recipients,
    int Pending,
    int Delayed,
    int Delivered,
    int Relayed,
    int Expanded,
    int Failed,
    int Read,
    int DeletedUnread);
