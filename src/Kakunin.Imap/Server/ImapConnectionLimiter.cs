using System.Net;
using Microsoft.Extensions.Options;

namespace Kakunin.Imap.Server;

/// <summary>
/// Counts live IMAP connections, overall and per client address (one per process, shared by all IMAP listeners).
/// Unlike SMTP nobody is evicted: an idle IMAP connection is a client waiting in IDLE, which is its normal state.
/// </summary>
public sealed class ImapConnectionLimiter(IOptions<ImapServerOptions> options)
{
    private readonly Dictionary<IPAddress, int> _perAddress = [];
    private readonly Lock _lock = new();
    private int _count;

    /// <summary>Open connections now.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _count;
            }
        }
    }

    /// <summary>Takes a slot; false (and the reason) when a limit is reached.</summary>
    public bool TryEnter(IPAddress? address, out string? refusal)
    {
        var limits = options.Value;
        lock (_lock)
        {
            refusal = null;
            var perAddress = 0;
            if (address is not null && _perAddress.TryGetValue(address, out perAddress) && perAddress >= limits.MaxConnectionsPerAddress)
            {
                refusal = "Too many connections from your address";
                return false;
            }

            if (_count >= limits.MaxConnections)
            {
                refusal = "Too many connections, try again later";
                return false;
            }

            _count++;
            if (address is not null)
            {
                _perAddress[address] = perAddress + 1;
            }

            return true;
        }
    }

    /// <summary>Gives back a slot taken by <see cref="TryEnter"/>.</summary>
    public void Exit(IPAddress? address)
    {
        lock (_lock)
        {
            _count--;
            if (address is not null && _perAddress.TryGetValue(address, out var n))
            {
                if (n <= 1)
                {
                    _perAddress.Remove(address);
                }
                else
                {
                    _perAddress[address] = n - 1;
                }
            }
        }
    }
}
