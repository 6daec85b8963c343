namespace Kakunin.Queue.Dkim;

/// <summary>
/// Signs a message just before it leaves for another server (user mail, DSNs, MDNs alike): the queue hands it the
/// stored bytes of each remote attempt and sends what it returns.
/// </summary>
public interface IOutboundSigner
{
    /// <summary>The bytes to send: <paramref name="content"/> with signature fields prepended, or unchanged.</summary>
    ValueTask<byte[]> SignAsync(byte[] content, CancellationToken cancellationToken);
}
