using System.Net;
using System.Text.Json;
using Kakunin.Authentication.Dns;

namespace Kakunin.Authentication.Tests;

/// <summary>
/// DNS records in memory for unit tests (the one stand-in: each test checks one evaluator, or in Kakunin.Queue.Tests,
/// which links this file, the SMTP backend's inbound checks), and the same records as JSON for the Python cross-check. Types: TXT, A, AAAA, MX ("10 mx.example.test"), PTR. A name in
/// <see cref="Failing"/> answers every question with a temporary failure (a timeout or SERVFAIL).
/// </summary>
internal sealed class TestZone : IAuthDns
{
    private readonly Dictionary<(string Name, string Type), List<string>> _records = [];

    public HashSet<string> Failing { get; } = new(StringComparer.OrdinalIgnoreCase);

    public List<(string Name, string Type)> Queries { get; } = [];

    public TestZone Add(string name, string type, params string[] values)
    {
        var key = (name.TrimEnd('.').ToLowerInvariant(), type);
        if (!_records.TryGetValue(key, out var list)) _records[key] = list = [];
        list.AddRange(values);
        return this;
    }

    public TestZone Txt(string name, params string[] values) => Add(name, "TXT", values);

    public TestZone A(string name, params string[] values) => Add(name, "A", values);

    private bool Exists(string name) =>
        _records.Keys.Any(k => k.Name == name || k.Name.EndsWith("." + name, StringComparison.Ordinal)); // an empty non-terminal exists too

    private Task<DnsAnswer<T>> Answer<T>(string name, string type, Func<string, T> parse)
    {
        name = name.TrimEnd('.').ToLowerInvariant();
        lock (Queries) Queries.Add((name, type));
        if (Failing.Contains(name)) return Task.FromResult(DnsAnswer.Failed<T>(DnsStatus.TempError));
        if (_records.TryGetValue((name, type), out var values)) return Task.FromResult(DnsAnswer.Of<T>([.. values.Select(parse)]));
        return Task.FromResult(DnsAnswer.Failed<T>(Exists(name) ? DnsStatus.NoData : DnsStatus.NxDomain));
    }

    public Task<DnsAnswer<string>> TxtAsync(string name, CancellationToken cancellationToken) => Answer(name, "TXT", v => v);

    public Task<DnsAnswer<IPAddress>> AddressesAsync(string name, bool ipv6, CancellationToken cancellationToken) =>
        Answer(name, ipv6 ? "AAAA" : "A", IPAddress.Parse);

    public Task<DnsAnswer<MxHost>> MxAsync(string name, CancellationToken cancellationToken) =>
        Answer(name, "MX", v => new MxHost(int.Parse(v.Split(' ')[0]), v.Split(' ')[1].TrimEnd('.')));

    public Task<DnsAnswer<string>> PtrAsync(IPAddress address, CancellationToken cancellationToken) =>
        Answer(address.GetArpaName().TrimEnd('.'), "PTR", v => v.TrimEnd('.'));

    /// <summary>The records as JSON: [{"name":..,"type":..,"values":[..]}], plus "failing": [..].</summary>
    public string ToJson() => JsonSerializer.Serialize(new
    {
        records = _records.Select(r => new { name = r.Key.Name, type = r.Key.Type, values = r.Value }),
        failing = Failing,
    });
}
