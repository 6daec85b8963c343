using Kakunin.Smtp.Client;

namespace Kakunin.Queue.Scheduling;

/// <summary>What one remote attempt says about its destination, for the concurrency window.</summary>
internal enum DeliveryFeedback
{
    /// <summary>Nothing learnt (e.g. the job was not attempted).</summary>
    None,

    /// <summary>A server answered and took part in a transaction, whatever it decided for each recipient.</summary>
    Responsive,

    /// <summary>No server could be reached or none would talk: the destination may be down or overloaded.</summary>
    Unresponsive,
}

internal static class DeliveryFeedbacks
{
    /// <summary>
    /// Postfix's rule, in our words: a delivery that ends with every recipient deferred and no reply from a
    /// transaction (connection refused or lost, timeout, greeting or EHLO refused, 421) counts against the
    /// destination; any decided recipient, or a 4xx at RCPT such as greylisting, shows the destination is working.
    /// </summary>
    public static DeliveryFeedback Of(IReadOnlyList<RecipientDeliveryResult> results) =>
        results.Count > 0 && results.All(r => r.Outcome == RecipientOutcomeKind.TransientFailure && (r.Reply is null || r.Reply.Code == 421 || r.Reply.Code >= 500))
            ? DeliveryFeedback.Unresponsive
            : DeliveryFeedback.Responsive;
}
