using System.Net;

namespace Kakunin.Smtp.Dns;

/// <summary>Settings of <see cref="DnsMxResolver"/>.</summary>
public sealed record DnsMxResolverOptions
{
    /// <summary>Name servers to ask; empty means the system's resolvers. Tests point this at a DNS server on loopback.</summary>
    public IReadOnlyList<IPEndPoint> NameServers { get; init; } = [];

    /// <summary>Time to wait for one DNS answer (default 5 s).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Retries per query after a timeout (default 2).</summary>
    public int Retries { get; init; } = 2;

    /// <summary>Use DnsClient's TTL cache (default true; tests turn it off).</summary>
    public bool UseCache { get; init; } = true;
}
