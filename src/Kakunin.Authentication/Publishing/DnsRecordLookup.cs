using System.Net;
using DnsClient;
using DnsClient.Protocol;

namespace Kakunin.Authentication.Publishing;

/// <summary>The checker's lookups with DnsClient, at the given name servers (the system's when none), no cache.</summary>
public sealed class DnsRecordLookup : IRecordLookup
{
    private readonly LookupClient _client;

    public DnsRecordLookup(IReadOnlyList<IPEndPoint> nameServers)
    {
        ArgumentNullException.ThrowIfNull(nameServers);
        var options = nameServers.Count > 0 ? new LookupClientOptions([.. nameServers]) : new LookupClientOptions();
        options.UseCache = false;
        options.Timeout = TimeSpan.FromSeconds(3);
        options.Retries = 1;
        options.ThrowDnsErrors = false;
        _client = new LookupClient(options);
    }

    public async Task<DnsAnswer> LookupAsync(string name, string type, CancellationToken cancellationToken)
    {
        var query = type == "MX" ? QueryType.MX : QueryType.TXT;
        IDnsQueryResponse response;
        try
        {
            response = await _client.QueryAsync(name, query, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (DnsResponseException e)
        {
            return new DnsAnswer([], e.Message);
        }

        if (response.HasError && response.Header.ResponseCode != DnsHeaderResponseCode.NotExistentDomain)
        {
            return new DnsAnswer([], response.ErrorMessage);
        }

        return new DnsAnswer(query == QueryType.MX
            ? [.. response.Answers.MxRecords().Select(m => $"{m.Preference} {m.Exchange.Value.TrimEnd('.')}")]
            : [.. response.Answers.OfType<TxtRecord>().Select(t => string.Concat(t.Text))]); // RFC 7208 §3.3: strings joined without spaces
    }
}
