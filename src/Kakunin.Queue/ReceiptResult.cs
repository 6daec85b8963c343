using Kakunin.Reports.Receipts;

namespace Kakunin.Queue;

/// <summary>What <see cref="ReadReceiptResponder"/> did.</summary>
public enum ReceiptOutcome
{
    /// <summary>An MDN was queued and $MDNSent set, in one commit.</summary>
    Sent,

    /// <summary>The reader must be asked: show the banner with <see cref="ReceiptResult.Decision"/>'s reasons.</summary>
    Ask,

    /// <summary>The reader declined: $MDNSent set, nothing sent (RFC 3503; never asked again).</summary>
    Declined,

    /// <summary>$MDNSent was set already (sent or declined before, or a second click): nothing done.</summary>
    AlreadyHandled,

    /// <summary>No MDN may be sent (see the decision's reason), or the message was not unread when deleted.</summary>
    NotSent,

    /// <summary>The user has no such message.</summary>
    NoSuchMessage,
}

/// <param name="Outcome">What happened.</param>
/// <param name="Decision">The decision taken (SendAutomatically, AskReader with its reasons, DoNotSend with its reason), when one was.</param>
/// <param name="QueueId">The queued MDN, when <see cref="ReceiptOutcome.Sent"/>.</param>
public sealed record ReceiptResult(ReceiptOutcome Outcome, ReceiptDecision? Decision = null, string? QueueId = null);
