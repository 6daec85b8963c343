namespace Kakunin.Tracking;

/// <summary>
/// Whether an event moves a tracked recipient's current state (docs/tracking.md, "The state rule"). Pure: every
/// writer of tracking goes through <see cref="TrackingRepository"/>, which asks here.
/// </summary>
public static class TrackingRules
{
    /// <summary>
    /// A delivery event moves the current delivery state when all hold: it is not unverified (an unverified report
    /// never overrules a local or authenticated fact); for a recipient on this server, it is this server's own
    /// (nobody outside knows our mailboxes better than we do); and it does not go backwards
    /// (<see cref="TrackingStates.Advances"/>).
    /// </summary>
    public static bool MovesDelivery(TrackingState current, TrackingState next, Provenance provenance, bool localRecipient) =>
        Believed(provenance, localRecipient) && TrackingStates.Advances(current, next);

    /// <summary>
    /// A read event moves the read state on the same terms: a local recipient's read state comes only from this
    /// server (the reader's own MDN or read path here), never from an MDN that arrived from outside; and "displayed"
    /// is never replaced (<see cref="TrackingStates.ReadAdvances"/>). A "denied" receipt (RFC 3798 §3.2.6.2) never
    /// moves it: the reader declined to say whether they read it, so the read state stays what it was.
    /// </summary>
    public static bool MovesRead(TrackingState? current, TrackingState next, Provenance provenance, bool localRecipient) =>
        next != TrackingState.Denied && Believed(provenance, localRecipient) && TrackingStates.ReadAdvances(current, next);

    private static bool Believed(Provenance provenance, bool localRecipient) =>
        provenance == Provenance.Local || (provenance == Provenance.Authenticated && !localRecipient);
}
