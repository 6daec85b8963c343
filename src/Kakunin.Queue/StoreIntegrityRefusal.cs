using Kakunin.Protocol;
using Kakunin.Store;
using Kakunin.Store.Integrity;

namespace Kakunin.Queue;

/// <summary>
/// No new mail into a store whose last integrity check found it damaged (docs/storage.md): writing into a damaged
/// b-tree can spread the damage, and a message accepted there may not be readable. The refusal is transient, so
/// senders keep the message and retry after the administrator has restored the store from a backup.
/// </summary>
public static class StoreIntegrityRefusal
{
    /// <summary>
    /// 451 4.3.2. RFC 5321 §4.2.3 451 "Requested action aborted: local error in processing" (a reply MAIL may get,
    /// §4.3.2): the fault is ours and transient. RFC 3463 §3.4 X.3.2 "System not accepting network messages": the host
    /// is not accepting messages (its examples: shutdown, load, maintenance), rather than X.3.0's undefined status or
    /// X.3.1's full disk (which is a different fault, with its own reply).
    /// </summary>
    public static readonly SmtpReply Reply = new(
        451, EnhancedStatusCodes.SystemNotAcceptingMessages, "Mail store failed its integrity check; not accepting mail until it is repaired, try again later");

    /// <summary>The reply refusing new mail now, or null while the store is not known to be damaged.</summary>
    public static SmtpReply? Check(KakuninStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.Integrity.State == IntegrityState.Damaged ? Reply : null;
    }

    /// <summary>Throws <see cref="StoreDamagedException"/> when the store is known to be damaged (submission from the webmail).</summary>
    public static void EnsureAccepting(KakuninStore store)
    {
        if (Check(store) is not null)
        {
            throw new StoreDamagedException();
        }
    }
}

/// <summary>New mail was refused because the store failed its integrity check; nothing was stored.</summary>
public sealed class StoreDamagedException : InvalidOperationException
{
    public StoreDamagedException()
        : base("The mail store failed its integrity check: new mail is refused until an administrator restores it from a backup. Nothing was sent.")
    {
    }

    public StoreDamagedException(string message)
        : base(message)
    {
    }

    public StoreDamagedException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
