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
    public static bool IsDue(QueueMessageRecord message, QueueRecipientRecord recipient, DsnAction action, QueueOptions options)
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
            DsnAction.Delayed => notify.HasFlag(DsnNotify.Delay) && !recipient.DelayDsnSent && !recipient.FailureDsnSent && Trusted(message, options),
            _ => notify.HasFlag(DsnNotify.Success) && !recipient.SuccessDsnSent && Trusted(message, options),
        };
    }

    /// <summary>Backscatter guard for success and delay notices (docs/queue.md).</summary>
    private static bool Trusted(QueueMessageRecord message, QueueOptions options) =>
        message.AuthenticatedUser is not null || message.SenderVerified || options.ReportSuccessAndDelayToUnverifiedSenders;

    /// <summary>The flags of a recipient once a DSN with <paramref name="action"/> went out for it.</summary>
    public static QueueRecipientRecord MarkSent(QueueRecipientRecord recipient, DsnAction action) => action switch
    {
        DsnAction.Failed => recipient with { FailureDsnSent = true },
        DsnAction.Delayed => recipient with { DelayDsnSent = true },
        _ => recipient with { SuccessDsnSent = true },
    };
}
