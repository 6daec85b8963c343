namespace Kakunin.Smtp.Client;

/// <summary>Hands a message to the next hop for one recipient domain.</summary>
public interface IOutboundTransport
{
    Task<IReadOnlyList<RecipientDeliveryResult>> SendAsync(OutboundMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// Where mail for <paramref name="domain"/> goes, as the queue limits concurrency: the domain itself (its MX hosts),
    /// or the one relay every domain shares when there is a smarthost (Postfix counts a relayhost as one destination).
    /// </summary>
    string DestinationOf(string domain) => domain;
}
