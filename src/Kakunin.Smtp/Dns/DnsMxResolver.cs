using System.Net;
using DnsClient;
using Kakunin.Protocol;

namespace Kakunin.Smtp.Dns;

/// <summary>
/// MX resolution with DnsClient (RFC 5321 §5.1, RFC 7505):
/// MX records by preference (random among equal) → null MX is permanent 5.1.10 → no MX records
/// means the implicit MX, the domain's own A/AAAA → NXDOMAIN is permanent 5.1.2 → SERVFAIL,
/// REFUSED and timeouts are transient 4.4.3. Then the addresses of the chosen hosts, from the same name servers
/// (<see cref="ResolveAddressesAsync"/>), so that <c>--dns-servers</c> decides where mail goes, not the system's resolver.
/// </summary>
public sealed class DnsMxResolver : IMxResolver, IHostAddressResolver
{
    private readonly LookupClient _client;
    private readonly Random _random;

    /// <param name="random">Shuffles MX hosts of equal preference; <see cref="Random.Shared"/> when null.</param>
    public DnsMxResolver(DnsMxResolverOptions options, Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var lookup = options.NameServers.Count > 0 ? new LookupClientOptions([.. options.NameServers]) : new LookupClientOptions();
        lookup.UseCache = options.UseCache;
        lookup.Timeout = options.Timeout;
        lookup.Retries = options.Retries;
        lookup.ThrowDnsErrors = false;
        _client = new LookupClient(lookup);
        _random = random ?? Random.Shared;
    }

    public async Task<MxResolution> ResolveAsync(string domain, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(domain);
        var mx = await QueryAsync(domain, QueryType.MX, cancellationToken).ConfigureAwait(false);
        if (mx.Failure is { } mxFailure)
        {
            return MxResolution.Failed(mxFailure);
        }

        var records = mx.Response!.Answers.MxRecords().Select(r => ((int)r.Preference, r.Exchange.Value)).ToList();
        if (MxSelection.Select(domain, records, _random) is { } selected)
        {
            return selected;
        }

        // RFC 5321 §5.1: no MX records → the domain itself is the implicit MX (preference 0),
        // provided it has an address record.
        var a = await QueryAsync(domain, QueryType.A, cancellationToken).ConfigureAwait(false);
        if (a.Failure is { } aFailure)
        {
            return MxResolution.Failed(aFailure);
        }
        if (a.Response!.Answers.ARecords().Any())
        {
            return MxResolution.Found([domain], isImplicit: true);
        }

        var aaaa = await QueryAsync(domain, QueryType.AAAA, cancellationToken).ConfigureAwait(false);
        if (aaaa.Failure is { } aaaaFailure)
        {
            return MxResolution.Failed(aaaaFailure);
        }
        if (aaaa.Response!.Answers.AaaaRecords().Any())
        {
            return MxResolution.Found([domain], isImplicit: true);
        }

        // RFC 5321 §5.1: "the implicit MX is unusable … MUST be reported as an error".
        return MxResolution.Failed(new MxFailure(
            EnhancedStatusCodes.UnableToRoute,
            $"{domain} has no MX and no A/AAAA record"));
    }

    /// <summary>
    /// The A and AAAA records of a mail host (RFC 5321 §5.1: the host names an MX names are looked up for their
    /// addresses), IPv6 first as the system's resolver orders them by default (RFC 6724 §10.3). One family failing
    /// while the other answers is no failure: a server that breaks on AAAA questions still gets its IPv4 mail.
    /// </summary>
    public async Task<HostAddresses> ResolveAddressesAsync(string host, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        var aaaaTask = QueryAsync(host, QueryType.AAAA, cancellationToken);
        var aTask = QueryAsync(host, QueryType.A, cancellationToken);
        var (aaaa, a) = (await aaaaTask.ConfigureAwait(false), await aTask.ConfigureAwait(false));
        List<IPAddress> addresses =
        [
            .. aaaa.Response?.Answers.AaaaRecords().Select(r => r.Address) ?? [],
            .. a.Response?.Answers.ARecords().Select(r => r.Address) ?? [],
        ];
        if (addresses.Count > 0)
        {
            return HostAddresses.Found(addresses);
        }

        // A transient failure on either question may hide an address: transient beats "none" and NXDOMAIN.
        var failure = new[] { aaaa.Failure, a.Failure }.FirstOrDefault(f => f is { IsPermanent: false })
            ?? a.Failure ?? aaaa.Failure
            ?? new MxFailure(EnhancedStatusCodes.UnableToRoute, $"{host} has no A/AAAA record");
        return HostAddresses.Failed(failure);
    }

    private async Task<(IDnsQueryResponse? Response, MxFailure? Failure)> QueryAsync(string domain, QueryType type, CancellationToken cancellationToken)
    {
        IDnsQueryResponse response;
        try
        {
            response = await _client.QueryAsync(domain, type, QueryClass.IN, cancellationToken).ConfigureAwait(false);
        }
        catch (DnsResponseException ex)
        {
            // Timeouts and transport errors: the name service is unavailable, not the domain wrong.
            return (null, new MxFailure(EnhancedStatusCodes.DirectoryServerFailure, $"DNS {type} lookup for {domain} failed: {ex.Message}"));
        }

        return response.Header.ResponseCode switch
        {
            DnsHeaderResponseCode.NoError => (response, null),
            // RFC 3463 §3.2: X.1.2 "bad destination system address": the domain does not exist.
            DnsHeaderResponseCode.NotExistentDomain => (null, new MxFailure(
                EnhancedStatusCodes.BadDestinationSystem, $"{domain} does not exist (NXDOMAIN on {type})")),
            // RFC 3463 §3.5: 4.4.3 "directory server failure" for SERVFAIL, REFUSED and the rest.
            var code => (null, new MxFailure(
                EnhancedStatusCodes.DirectoryServerFailure, $"DNS {type} lookup for {domain} failed: {code}")),
        };
    }
}
