using Kakunin.Tracking;

namespace Kakunin.Web.Ui.Tracking;

/// <summary>
/// How the Tracking views show a <see cref="TrackingState"/> (the one state type, Kakunin.Tracking): our queue's
/// "deferred" and a remote MTA's "delayed" are one word for the sender, "Delayed".
/// </summary>
public static class TrackedStates
{
    /// <summary>The delivery state as shown: <see cref="TrackingState.Deferred"/> reads as <see cref="TrackingState.Delayed"/>.</summary>
    public static TrackingState Shown(TrackingState state) => state == TrackingState.Deferred ? TrackingState.Delayed : state;

    /// <summary>The state's name in CSS classes and data attributes ("delivered", "displayed"; "none" for no read receipt).</summary>
    public static string CssName(TrackingState? state) => state is { } s ? s.ToString().ToLowerInvariant() : "none";

    /// <summary>Whether a failure explanation belongs beside this state.</summary>
    public static bool IsProblem(TrackingState state) => state is TrackingState.Failed or TrackingState.Delayed or TrackingState.Deferred;

    /// <summary>Whether a read receipt can still come: not for a message that never arrived.</summary>
    public static bool MayBeRead(TrackingState state) => state is not (TrackingState.Failed or TrackingState.Removed);
}
