namespace Kakunin.Reports.Mdn;

/// <summary>
/// The disposition type (RFC 8098 §3.2.6.2). RFC 8098 keeps the first four; "denied" (RFC 3798 §3.2.6.2) is read
/// because older clients still send it (some Outlook versions, Lotus Notes), but Kakunin never composes it
/// (<see cref="MdnComposer"/> refuses). RFC 2298's "failed" is gone (an error is the "error" modifier now).
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

    /// <summary>
    /// "denied" (RFC 3798 §3.2.6.2, removed by RFC 8098): the recipient does not wish the sender to be told of the
    /// message's disposition. Read from others' MDNs only; it says nothing about whether the message was read.
    /// </summary>
    Denied,
}
