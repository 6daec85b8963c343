using Kakunin.Smtp.Client;

namespace Kakunin.Queue.Tests;

/// <summary>A hand-written transport: answers each recipient with what the test's handler says, and records the calls.</summary>
internal sealed class FakeTransport : IOutboundTransport
{
    public Func<OutboundMessage, OutboundRecipient, RecipientDeliveryResult> Handler { get; set; } =
        (_, r) => new RecipientDeliveryResult(r.Address, RecipientOutcomeKind.Accepted, null, null, "mx.remote.test", RemoteOffersDsn: true);

    /// <summary>When set, SendAsync throws this (e.g. to simulate a crash mid-run).</summary>
    public Exception? Throw { get; set; }

    public System.Collections.Concurrent.ConcurrentQueue<OutboundMessage> Calls { get; } = new();

    public Task<IReadOnlyList<RecipientDeliveryResult>> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        Calls.Enqueue(message);
        if (Throw is { } e)
        {
            throw e;
        }

        return Task.FromResult<IReadOnlyList<RecipientDeliveryResult>>([.. message.Recipients.Select(r => Handler(message, r))]);
    }
}
