using System.Net;

namespace Kakunin.Authentication.Dns;

/// <summary>
/// The DNS questions SPF, DKIM and DMARC ask. Never throws for a DNS failure: a failure is
/// <see cref="DnsStatus.TempError"/> in the answer. Names are given without a trailing dot.
/// </summary>
public interface IAuthDns
{
    /// <summary>TXT records, each one record's character-strings joined without separators (RFC 7208 §3.3, RFC 6376 §3.6.2.2).</summary>
    Task<DnsAnswer<string>> TxtAsync(string name, CancellationToken cancellationToken);

    /// <summary>A records (<paramref name="ipv6"/> false) or AAAA records (true).</summary>
    Task<DnsAnswer<IPAddress>> AddressesAsync(string name, bool ipv6, CancellationToken cancellationToken);

    Task<DnsAnswer<MxHost>> MxAsync(string name, CancellationToken cancellationToken);

    /// <summary>PTR names for <paramref name="address"/> (in-addr.arpa / ip6.arpa), without trailing dots.</summary>
    Task<DnsAnswer<string>> PtrAsync(IPAddress address, CancellationToken cancellationToken);
}
