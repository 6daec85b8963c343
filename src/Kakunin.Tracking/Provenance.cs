namespace Kakunin.Tracking;

/// <summary>
/// Where a tracking event came from, and so how far it is believed (docs/tracking.md, "Provenance"). Stored as
/// the words <c>local</c>, <c>authenticated</c>, <c>unverified</c> (<see cref="Provenances"/>).
/// </summary>
public enum Provenance
{
    /// <summary>This server saw it: our queue's outcome, a local delivery, our own DSN, an MDN from the reader's own mailbox here. Authoritative.</summary>
    Local,

    /// <summary>
    /// A report from outside that passed DKIM aligned with, or SPF for, the recipient's domain or the host we handed
    /// the message to (read from this server's Authentication-Results on the stored report).
    /// </summary>
    Authenticated,

    /// <summary>A report nobody vouched for: kept as an event and shown, never allowed to change a state.</summary>
    Unverified,
}

/// <summary>The stored words of <see cref="Provenance"/>.</summary>
public static class Provenances
{
    public static string Word(this Provenance provenance) => provenance switch
    {
        Provenance.Local => "local",
        Provenance.Authenticated => "authenticated",
        _ => "unverified",
    };

    /// <summary>Reads a stored word; anything else (a row from before migration 7 without a word) is unverified.</summary>
    public static Provenance Parse(string? word) => word switch
    {
        "local" => Provenance.Local,
        "authenticated" => Provenance.Authenticated,
        _ => Provenance.Unverified,
    };
}
