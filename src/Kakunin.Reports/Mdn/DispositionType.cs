namespace Kakunin.Reports.Mdn;

/// <summary>
/// The disposition type (RFC 8098 §3.2.6.2). RFC 8098 keeps exactly these four; the older
/// "denied" and "failed" types of RFC 2298 are gone.
/// </summary>
public enum DispositionType
{
    /// <summary>"displayed": shown to someone reading the mailbox; no guarantee it was read.</summary>
    Displayed,

    /// <summary>"deleted": deleted; the recipient may or may not have seen it.</summary>
    Deleted,

    /// <summary>"dispatched": sent somewhere (printed, faxed, forwarded) without necessarily being displayed.</summary>
    Dispatched,

    /// <summary>"processed": processed by rules or a server without being displayed.</summary>
    Processed,
}
