using System.Collections.Concurrent;
using System.Net;
using DnsClient;
using DnsClient.Protocol;

namespace Kakunin.Authentication.Dns;

/// <summary>
/// <see cref="IAuthDns"/> over DnsClient, asking the configured name servers with a per-question timeout. Every
/// failure becomes a status: NXDOMAIN, NODATA (the void lookups of RFC 7208 §4.6.4), or temperror for timeouts,
/// SERVFAIL, REFUSED, truncation that TCP could not fix and transport errors.
/// </summary>
public sealed class AuthDns : IAuthDns
{
    private const int MaxRememberedNoData = 10_000;
    private readonly LookupClient _client;
    private readonly TimeSpan _negativeCacheDuration;

    // DnsClient caches answers by their records' TTL and error codes by FailedResultsCacheDuration, but never a
    // NOERROR answer without records: this remembers those (RFC 2308 §5), keyed by name and type, until when.
    private readonly ConcurrentDictionary<(string Name, QueryType Type), long> _noDataUntil = new();

    public AuthDns(AuthDnsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var lookup = options.NameServers.Count > 0 ? new LookupClientOptions([.. options.NameServers]) : new LookupClientOptions();
        lookup.UseCache = options.UseCache;
        _negativeCacheDuration = options.UseCache ? options.NegativeCacheDuration : TimeSpan.Zero;
        lookup.CacheFailedResults = _negativeCacheDuration > TimeSpan.Zero;
        if (lookup.CacheFailedResults) lookup.FailedResultsCacheDuration = _negativeCacheDuration;
        lookup.Timeout = options.Timeout;
        lookup.Retries = options.Retries;
        lookup.ThrowDnsErrors = false;
        lookup.ContinueOnDnsError = false; // a SERVFAIL from the configured server is an answer: temperror, not "try the next"
        lookup.UseTcpFallback = true;
        _client = new LookupClient(lookup);
    }

    public async Task<DnsAnswer<string>> TxtAsync(string name, CancellationToken cancellationToken)
    {
        var (status, response) = await QueryAsync(name, QueryType.TXT, cancellationToken).ConfigureAwait(false);
        return response is null
            ? DnsAnswer.Failed<string>(status)
            : DnsAnswer.Of<string>([.. response.Answers.OfType<TxtRecord>().Select(Join)]);
    }

    public async Task<DnsAnswer<IPAddress>> AddressesAsync(string name, bool ipv6, CancellationToken cancellationToken)
    {
        var (status, response) = await QueryAsync(name, ipv6 ? QueryType.AAAA : QueryType.A, cancellationToken).ConfigureAwait(false);
        if (response is null) return DnsAnswer.Failed<IPAddress>(status);
        IReadOnlyList<IPAddress> addresses = ipv6
            ? [.. response.Answers.OfType<AaaaRecord>().Select(r => r.Address)]
            : [.. response.Answers.OfType<ARecord>().Select(r => r.Address)];
        return DnsAnswer.Of(addresses);
    }

    public async Task<DnsAnswer<MxHost>> MxAsync(string name, CancellationToken cancellationToken)
    {
        var (status, response) = await QueryAsync(name, QueryType.MX, cancellationToken).ConfigureAwait(false);
        return response is null
            ? DnsAnswer.Failed<MxHost>(status)
            : DnsAnswer.Of<MxHost>([.. response.Answers.OfType<MxRecord>().Select(r => new MxHost(r.Preference, Trim(r.Exchange.Value)))]);
    }

    public async Task<DnsAnswer<string>> PtrAsync(IPAddress address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        var (status, response) = await QueryAsync(Trim(address.GetArpaName()), QueryType.PTR, cancellationToken).ConfigureAwait(false);
        return response is null
            ? DnsAnswer.Failed<string>(status)
            : DnsAnswer.Of<string>([.. response.Answers.OfType<PtrRecord>().Select(r => Trim(r.PtrDomainName.Value))]);
    }

    private async Task<(DnsStatus Status, IDnsQueryResponse? Response)> QueryAsync(string name, QueryType type, CancellationToken cancellationToken)
    {
        var key = (name.ToLowerInvariant(), type);
        if (_negativeCacheDuration > TimeSpan.Zero && _noDataUntil.TryGetValue(key, out var until))
        {
            if (Environment.TickCount64 < until) return (DnsStatus.NoData, null);
            _noDataUntil.TryRemove(key, out _);
        }

        IDnsQueryResponse response;
        try
        {
            response = await _client.QueryAsync(name, type, QueryClass.IN, cancellationToken).ConfigureAwait(false);
        }
        catch (DnsResponseException)
        {
            return (DnsStatus.TempError, null); // timeouts and transport errors
        }
        catch (ArgumentException)
        {
            return (DnsStatus.NxDomain, null); // a name DnsClient cannot even encode (label > 63 octets): it cannot exist
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (DnsStatus.TempError, null); // DnsClient's own timeout surfaces as a cancellation
        }

        return response.Header.ResponseCode switch
        {
            DnsHeaderResponseCode.NoError when response.HasError => (DnsStatus.TempError, null),
            DnsHeaderResponseCode.NoError when !response.Answers.Any(r => r.RecordType == (ResourceRecordType)type) => RememberNoData(key),
            DnsHeaderResponseCode.NoError => (DnsStatus.Found, response),
            DnsHeaderResponseCode.NotExistentDomain => (DnsStatus.NxDomain, null),
            _ => (DnsStatus.TempError, null),
        };
    }

    private (DnsStatus, IDnsQueryResponse?) RememberNoData((string, QueryType) key)
    {
        if (_negativeCacheDuration > TimeSpan.Zero)
        {
            if (_noDataUntil.Count >= MaxRememberedNoData) _noDataUntil.Clear(); // a flood of distinct names: start over
            _noDataUntil[key] = Environment.TickCount64 + (long)_negativeCacheDuration.TotalMilliseconds;
        }
        return (DnsStatus.NoData, null);
    }

    // RFC 7208 §3.3 / RFC 6376 §3.6.2.2: the strings of one TXT record are concatenated without spaces.
    private static string Join(TxtRecord record) => string.Concat(record.Text);

    private static string Trim(string name) => name.TrimEnd('.');

}
