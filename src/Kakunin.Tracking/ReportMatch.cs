
namespace Kakunin.Tracking;

/// <summary>What <see cref="ReportIntake.Apply"/> did with a report.</summary>
/// <param name="TrackingMessageId">The tracked message the report was tied to, if any.</param>
/// <param name="Recipients">How many tracked recipients got an event from it.</param>
public sealed record ReportMatch(long? TrackingMessageId, int Recipients)
{
    public static ReportMatch None { get; } = new(null, 0);

    /// <summary>For a report tied to nothing: the id of the unmatched-report event recorded for it (<see cref="UnmatchedReports"/>).</summary>
    public long? UnmatchedEventId { get; init; }

    /// <summary>True when the report updated at least one tracked recipient.</summary>
    public bool IsMatched => Recipients > 0;

    /// <summary>The messages.report_state to store: "matched" or "unmatched" (<see cref="ReportStates"/>).</summary>
    public string ReportState => IsMatched ? ReportStates.Matched : ReportStates.Unmatched;
}
