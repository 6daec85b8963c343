using Kakunin.Protocol;
using Kakunin.Reports.Dsn;
using Kakunin.Store;

namespace Kakunin.Queue;

/// <summary>When a DSN is due for a recipient. Pure: decided from the stored envelope and flags.</summary>
internal static class DsnRules
{
    /// <summary>RFC 3461 §6.1 and RFC 5321 §4.5.5: never a DSN for a message with the null reverse-path (which every DSN and MDN has).</summary>
    public static bool MayReport(QueueMessageRecord message) => !message.HasNullReversePath && !message.IsReport;

    /// <summary>RFC 3461 §4.1: NOTIFY as given, or the configured meaning of its absence.</summary>
    public static DsnNotify Effective(DsnNotify? notify, QueueOptions options) => notify ?? options.NotifyWhenAbsent;

    /// <summary>Whether a DSN with <paramref name="action"/> is due now for this recipient, and not already sent.</summary>
    /// <param name="senderVouched">
    /// Whether this server's Authentication-Results on the message vouch for the MAIL FROM domain
    /// (<see cref="SenderVouching"/>); asked only when a success or delay DSN is otherwise due to an unverified sender.
    /// </param>
    public static bool IsDue(QueueMessageRecord message, QueueRecipientRecord recipient, DsnAction action, QueueOptions options, Func<bool>? senderVouched = null)
    {
        if (!MayReport(message))
        {
            return false;
        }

        var notify = Effective(recipient.Notify, options);
        if (notify.HasFlag(DsnNotify.Never))
        {
            return false; // RFC 3461 §4.1: NEVER means no DSN at all.
        }

        return action switch
        {
            DsnAction.Failed => notify.HasFlag(DsnNotify.Failure) && !recipient.FailureDsnSent,
            DsnAction.Delayed => notify.HasFlag(DsnNotify.Delay) && !recipient.DelayDsnSent && !recipient.FailureDsnSent && Trusted(message, options, senderVouched),
            _ => notify.HasFlag(DsnNotify.Success) && !recipient.SuccessDsnSent && Trusted(message, options, senderVouched),
        };
    }

    /// <summary>
    /// Backscatter guard for success and delay notices (docs/queue.md, "Backscatter"): they go only to a sender who
    /// signed in, came from a trusted network (sender_verified), or whose MAIL FROM domain SPF or an aligned DKIM
    /// signature vouches for — a forged MAIL FROM would otherwise turn us into a reflector.
    /// </summary>
    private static bool Trusted(QueueMessageRecord message, QueueOptions options, Func<bool>? senderVouched) =>
        message.AuthenticatedUser is not null || message.SenderVerified || options.ReportSuccessAndDelayToUnverifiedSenders
        || (senderVouched?.Invoke() ?? false);

    /// <summary>The flags of a recipient once a DSN with <paramref name="action"/> went out for it.</summary>
    public static QueueRecipientRecord MarkSent(QueueRecipientRecord recipient, DsnAction action) => action switch
    {
        DsnAction.Failed => recipient with { FailureDsnSent = true },
        DsnAction.Delayed => recipient with { DelayDsnSent = true },
        _ => recipient with { SuccessDsnSent = true },
    };
}
