using System.Net;

namespace Kakunin.Authentication.Dns;

/// <summary>Settings of <see cref="AuthDns"/>.</summary>
public sealed record AuthDnsOptions
{
    /// <summary>Name servers to ask (KakuninOptions.NameServers()); empty means the system's resolvers.</summary>
    public IReadOnlyList<IPEndPoint> NameServers { get; init; } = [];

    /// <summary>Time to wait for one answer (default 3 s); after it and the retries, the question is a temperror.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Retries after a timeout (default 1).</summary>
    public int Retries { get; init; } = 1;

    /// <summary>DnsClient's TTL cache (default on; tests that change records turn it off).</summary>
    public bool UseCache { get; init; } = true;

    /// <summary>
    /// How long an NXDOMAIN, NODATA or SERVFAIL answer is kept (default 60 s; only with <see cref="UseCache"/>).
    /// RFC 2308 §5 lets a resolver cache negative answers and §7.1 server failures for up to five minutes. Without
    /// it, mail whose HELO name or envelope domain does not exist asks the same question for every message.
    /// Timeouts are never cached.
    /// </summary>
    public TimeSpan NegativeCacheDuration { get; init; } = TimeSpan.FromSeconds(60);
}
