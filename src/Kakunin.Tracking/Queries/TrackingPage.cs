namespace Kakunin.Tracking;

/// <summary>One page of the Tracking page, with how many rows each filter but <see cref="TrackingFilter.All"/> holds (for its tab).</summary>
public sealed record TrackingPage(
    IReadOnlyList<TrackingRow> Rows,
    TrackingFilter Filter,
    int Page,
    int PageSize,
    bool HasMore,
    IReadOnlyDictionary<TrackingFilter, long> Counts);
