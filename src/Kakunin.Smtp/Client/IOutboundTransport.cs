namespace Kakunin.Smtp.Client;

/// <summary>Delivers a message to the next hop for its domain (MX lookup or smarthost). One result per recipient, in order.</summary>
public interface IOutboundTransport
{
    Task<IReadOnlyList<RecipientDeliveryResult>> SendAsync(OutboundMessage message, CancellationToken cancellationToken);
}
