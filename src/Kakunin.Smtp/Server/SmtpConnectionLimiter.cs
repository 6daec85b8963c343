using System.Net;
using Microsoft.Extensions.Options;

namespace Kakunin.Smtp.Server;

/// <summary>Counts open SMTP connections overall and per client address (one per process, shared by all listeners).</summary>
public sealed class SmtpConnectionLimiter(IOptions<SmtpServerOptions> options)
{
    private readonly Dictionary<IPAddress, int> _perAddress = [];
    private readonly Lock _lock = new();
    private int _total;

    /// <summary>Takes a slot; null when granted, else the reason (the reply to send).</summary>
    public Kakunin.Protocol.SmtpReply? TryEnter(IPAddress? address)
    {
        var limits = options.Value;
        lock (_lock)
        {
            if (_total >= limits.MaxConnections)
            {
                return SmtpServerReplies.TooManyConnections;
            }

            if (address is not null)
            {
                _perAddress.TryGetValue(address, out var count);
                if (count >= limits.MaxConnectionsPerAddress)
                {
                    return SmtpServerReplies.TooManyConnectionsFromAddress;
                }

                _perAddress[address] = count + 1;
            }

            _total++;
            return null;
        }
    }

    /// <summary>Gives back a slot taken by <see cref="TryEnter"/>.</summary>
    public void Exit(IPAddress? address)
    {
        lock (_lock)
        {
            _total--;
            if (address is not null && _perAddress.TryGetValue(address, out var count))
            {
                if (count <= 1)
                {
                    _perAddress.Remove(address);
                }
                else
                {
                    _perAddress[address] = count - 1;
                }
            }
        }
    }
}
