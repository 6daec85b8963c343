using System.Net;
using System.Net.Sockets;
using Kakunin.Authentication.Dns;

namespace Kakunin.Authentication.Spf;

/// <summary>
/// One run of check_host() (RFC 7208 §4) with its counters: DNS-querying terms and void lookups are counted across
/// every include and redirect of the run (§4.6.4), which is also what stops include and redirect loops.
/// A permerror or temperror anywhere ends the whole run (<see cref="SpfAbort"/>), as §5.2 and §4.6.4 require.
/// </summary>
internal sealed class SpfEvaluation
{
    private readonly IAuthDns _dns;
    private readonly SpfOptions _options;
    private readonly IPAddress _client;
    private readonly string _sender;
    private readonly string _helo;
    private readonly DateTimeOffset _now;
    private readonly CancellationToken _cancellationToken;
    private int _lookups;
    private int _voids;

    public SpfEvaluation(IAuthDns dns, SpfOptions options, IPAddress client, string sender, string helo, DateTimeOffset now, CancellationToken cancellationToken)
    {
        (_dns, _options, _sender, _helo, _now, _cancellationToken) = (dns, options, sender, helo, now, cancellationToken);
        // IPv4-mapped IPv6 clients are evaluated as IPv4 (RFC 7208 §5: "ip4-mapped" addresses use the IPv4 rules).
        _client = client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client;
    }

    private bool IsV6 => _client.AddressFamily == AddressFamily.InterNetworkV6;

    /// <summary>check_host(ip, domain, sender): the top-level call.</summary>
    public async Task<SpfOutcome> RunAsync(string domain)
    {
        try
        {
            return await CheckHostAsync(domain, isInclude: false).ConfigureAwait(false);
        }
        catch (SpfAbort abort)
        {
            return new SpfOutcome(abort.Result, Problem: abort.Message);
        }
    }

    private async Task<SpfOutcome> CheckHostAsync(string domain, bool isInclude)
    {
        domain = domain.TrimEnd('.');
        // RFC 7208 §4.3: a malformed or single-label domain gives "none".
        if (!SpfDomain.IsValid(domain)) return new SpfOutcome(AuthResult.None, Problem: $"'{domain}' is not a valid domain");

        // RFC 7208 §4.4, §4.5: the TXT records, exactly one of them "v=spf1".
        var txt = CountVoid(await _dns.TxtAsync(domain, _cancellationToken).ConfigureAwait(false));
        if (txt.Status == DnsStatus.TempError) throw new SpfAbort(AuthResult.TempError, $"DNS failure looking up the SPF record of {domain}");
        var records = txt.Records.Where(SpfRecordParser.IsSpfRecord).ToList();
        if (records.Count == 0) return new SpfOutcome(AuthResult.None, Problem: $"{domain} has no SPF record");
        if (records.Count > 1) throw new SpfAbort(AuthResult.PermError, $"{domain} has more than one SPF record");
        var record = SpfRecordParser.Parse(records[0], out var error)
            ?? throw new SpfAbort(AuthResult.PermError, $"SPF record of {domain}: {error}");

        // RFC 7208 §4.6.2: directives in order; the first that matches gives its qualifier's result.
        foreach (var directive in record.Directives)
        {
            if (directive.CountsAsLookup) CountLookup();
            if (await MatchesAsync(directive, domain).ConfigureAwait(false))
            {
                var explanation = directive.Qualifier == AuthResult.Fail && !isInclude && record.Explanation is { } exp
                    ? await ExplainAsync(exp, domain).ConfigureAwait(false)
                    : null;
                return new SpfOutcome(directive.Qualifier, explanation);
            }
        }

        // RFC 7208 §6.1: no match, no "all" → redirect; a target without a record is permerror, not none.
        if (record.Redirect is { } redirect && !record.HasAll)
        {
            CountLookup();
            var target = await ExpandDomainAsync(redirect, domain).ConfigureAwait(false);
            var result = await CheckHostAsync(target, isInclude: false).ConfigureAwait(false);
            return result.Result == AuthResult.None
                ? throw new SpfAbort(AuthResult.PermError, $"redirect to {target}, which has no SPF record")
                : result;
        }

        return new SpfOutcome(AuthResult.Neutral); // RFC 7208 §4.7: default result
    }

    private async Task<bool> MatchesAsync(SpfDirective directive, string domain)
    {
        switch (directive.Mechanism)
        {
            case SpfMechanism.All:
                return true;
            case SpfMechanism.Ip4:
            case SpfMechanism.Ip6:
                return directive.Network!.Value.Contains(_client);
            case SpfMechanism.Include:
                return await IncludeAsync(await ExpandDomainAsync(directive.DomainSpec!, domain).ConfigureAwait(false)).ConfigureAwait(false);
            case SpfMechanism.A:
                var aTarget = directive.DomainSpec is { } a ? await ExpandDomainAsync(a, domain).ConfigureAwait(false) : domain;
                return Matches(await AddressesAsync(aTarget, abortOnTempError: true).ConfigureAwait(false), directive);
            case SpfMechanism.Mx:
                var mxTarget = directive.DomainSpec is { } m ? await ExpandDomainAsync(m, domain).ConfigureAwait(false) : domain;
                return await MxMatchesAsync(mxTarget, directive).ConfigureAwait(false);
            case SpfMechanism.Ptr:
                var ptrTarget = directive.DomainSpec is { } p ? await ExpandDomainAsync(p, domain).ConfigureAwait(false) : domain;
                var validated = await ValidatedNamesAsync().ConfigureAwait(false);
                return validated.Any(n => IsSameOrSubdomain(n, ptrTarget));
            case SpfMechanism.Exists:
                // RFC 7208 §5.7: an A query whatever the client's address family; any answer matches.
                var name = await ExpandDomainAsync(directive.DomainSpec!, domain).ConfigureAwait(false);
                var answer = CountVoid(await _dns.AddressesAsync(name, ipv6: false, _cancellationToken).ConfigureAwait(false));
                if (answer.Status == DnsStatus.TempError) throw new SpfAbort(AuthResult.TempError, $"DNS failure looking up {name}");
                return answer.Records.Count > 0;
            default:
                return false;
        }
    }

    // RFC 7208 §5.2: pass matches; fail, softfail and neutral do not; temperror stays; permerror and none are permerror.
    private async Task<bool> IncludeAsync(string target)
    {
        var outcome = await CheckHostAsync(target, isInclude: true).ConfigureAwait(false);
        return outcome.Result switch
        {
            AuthResult.Pass => true,
            AuthResult.Fail or AuthResult.SoftFail or AuthResult.Neutral => false,
            AuthResult.None => throw new SpfAbort(AuthResult.PermError, $"include:{target} has no SPF record"),
            _ => throw new SpfAbort(outcome.Result, outcome.Problem ?? $"include:{target} failed"),
        };
    }

    // RFC 7208 §5.4: the MX names (at most 10, else permerror, §4.6.4), then each one's addresses.
    private async Task<bool> MxMatchesAsync(string target, SpfDirective directive)
    {
        var mx = CountVoid(await _dns.MxAsync(target, _cancellationToken).ConfigureAwait(false));
        if (mx.Status == DnsStatus.TempError) throw new SpfAbort(AuthResult.TempError, $"DNS failure looking up the MX of {target}");
        if (mx.Records.Count > _options.MaxNamesPerMechanism)
            throw new SpfAbort(AuthResult.PermError, $"{target} has more than {_options.MaxNamesPerMechanism} MX records");
        foreach (var host in mx.Records.OrderBy(r => r.Preference).Select(r => r.Exchange))
        {
            if (host.Length == 0) continue; // a null MX (RFC 7505) names no host
            if (Matches(await AddressesAsync(host, abortOnTempError: true).ConfigureAwait(false), directive)) return true;
        }
        return false;
    }

    private bool Matches(IReadOnlyList<IPAddress> addresses, SpfDirective directive)
    {
        var length = IsV6 ? directive.Cidr6 : directive.Cidr4;
        return addresses.Any(a => a.AddressFamily == _client.AddressFamily && new IPNetwork(Masked(a, length), length).Contains(_client));
    }

    private async Task<IReadOnlyList<IPAddress>> AddressesAsync(string name, bool abortOnTempError)
    {
        var answer = CountVoid(await _dns.AddressesAsync(name, IsV6, _cancellationToken).ConfigureAwait(false));
        if (answer.Status == DnsStatus.TempError && abortOnTempError) throw new SpfAbort(AuthResult.TempError, $"DNS failure looking up {name}");
        return answer.Records;
    }

    /// <summary>
    /// RFC 7208 §5.5: the client's PTR names (the first 10 only, §4.6.4) whose own A/AAAA records include the
    /// client's address. A DNS error on the PTR query means no names; on an address query, that name is skipped.
    /// </summary>
    private async Task<IReadOnlyList<string>> ValidatedNamesAsync()
    {
        var ptr = CountVoid(await _dns.PtrAsync(_client, _cancellationToken).ConfigureAwait(false));
        var validated = new List<string>();
        foreach (var name in ptr.Records.Take(_options.MaxNamesPerMechanism))
        {
            var addresses = await AddressesAsync(name, abortOnTempError: false).ConfigureAwait(false);
            if (addresses.Any(a => a.Equals(_client))) validated.Add(name);
        }
        return validated;
    }

    /// <summary>RFC 7208 §6.2: the explanation TXT of a fail; any problem means no explanation, never an error.</summary>
    private async Task<string?> ExplainAsync(string spec, string domain)
    {
        try
        {
            var name = await ExpandDomainAsync(spec, domain).ConfigureAwait(false);
            var txt = await _dns.TxtAsync(name, _cancellationToken).ConfigureAwait(false);
            if (txt.Records.Count != 1 || !SpfMacro.IsValid(txt.Records[0], explanation: true)) return null;
            var context = await ContextAsync(txt.Records[0], domain).ConfigureAwait(false);
            var text = SpfMacro.Expand(txt.Records[0], context);
            return text.All(c => c is >= ' ' and <= '~') ? text : null;
        }
        catch (SpfAbort)
        {
            return null;
        }
    }

    /// <summary>Expands a domain-spec; RFC 7208 §7.3: a result longer than 253 characters loses labels from the left.</summary>
    private async Task<string> ExpandDomainAsync(string spec, string domain)
    {
        var expanded = SpfMacro.Expand(spec, await ContextAsync(spec, domain).ConfigureAwait(false)).TrimEnd('.');
        while (expanded.Length > 253 && expanded.IndexOf('.', StringComparison.Ordinal) is var dot and >= 0)
            expanded = expanded[(dot + 1)..];
        return expanded;
    }

    private async Task<SpfMacroContext> ContextAsync(string text, string domain)
    {
        string? validated = null;
        if (SpfMacro.UsesValidatedName(text))
        {
            // RFC 7208 §7.3 "p": prefer the domain itself, then a subdomain of it, then any validated name.
            var names = await ValidatedNamesAsync().ConfigureAwait(false);
            validated = names.FirstOrDefault(n => n.Equals(domain, StringComparison.OrdinalIgnoreCase))
                ?? names.FirstOrDefault(n => IsSameOrSubdomain(n, domain))
                ?? (names.Count > 0 ? names[0] : null);
        }
        return new SpfMacroContext(_sender, domain, _client, _helo, _options.Receiver, _now, validated);
    }

    private void CountLookup()
    {
        if (++_lookups > _options.MaxDnsMechanisms)
            throw new SpfAbort(AuthResult.PermError, $"more than {_options.MaxDnsMechanisms} DNS-querying terms (RFC 7208 §4.6.4)");
    }

    private DnsAnswer<T> CountVoid<T>(DnsAnswer<T> answer)
    {
        if (answer.IsVoid && ++_voids > _options.MaxVoidLookups)
            throw new SpfAbort(AuthResult.PermError, $"more than {_options.MaxVoidLookups} void DNS lookups (RFC 7208 §4.6.4)");
        return answer;
    }

    private static bool IsSameOrSubdomain(string name, string domain) =>
        name.Equals(domain, StringComparison.OrdinalIgnoreCase) || name.EndsWith("." + domain, StringComparison.OrdinalIgnoreCase);

    private static IPAddress Masked(IPAddress address, int length)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
            bytes[i] &= (byte)(0xFF << (8 - Math.Clamp(length - (i * 8), 0, 8)));
        return new IPAddress(bytes);
    }
}
