using System.Globalization;
using System.Text;

namespace Kakunin.IntegrationTests.Peers;

/// <summary>
/// The records of one zone served by <see cref="AuthoritativeDns"/>, written out as a zone file (RFC 1035 §5).
/// Owner names are relative to the zone ("@" is the apex, "mx" is mx.ZONE) or absolute with a trailing dot.
/// Change the records, then <see cref="AuthoritativeDns.ReloadAsync"/> serves the new set.
/// </summary>
public sealed class DnsZone(string name)
{
    private readonly List<(string Owner, string Type, string Data)> _records = [];

    public string Name { get; } = name.TrimEnd('.').ToLowerInvariant();

    /// <summary>Bumped by every reload, so a reload can be seen to have happened (the SOA serial).</summary>
    internal uint Serial { get; set; } = 1;

    public DnsZone A(string owner, string address = "127.0.0.1") => Add(owner, "A", address);

    public DnsZone Mx(string owner, int preference, string exchange) =>
        Add(owner, "MX", $"{preference.ToString(CultureInfo.InvariantCulture)} {Absolute(exchange)}");

    /// <summary>A TXT record holding <paramref name="text"/> as one string, split into the character-strings of at most
    /// 255 octets a TXT record is made of (RFC 1035 §3.3.14); readers join them (RFC 7208 §3.3, RFC 6376 §3.6.2.2).</summary>
    public DnsZone Txt(string owner, string text) => Add(owner, "TXT", TxtData(text));

    /// <summary>Removes every record of <paramref name="type"/> at <paramref name="owner"/> (all types when null).</summary>
    public DnsZone Remove(string owner, string? type = null)
    {
        _records.RemoveAll(r => r.Owner == Owner(owner) && (type is null || r.Type == type));
        return this;
    }

    /// <summary>Replaces the TXT records at <paramref name="owner"/> by one holding <paramref name="text"/>.</summary>
    public DnsZone SetTxt(string owner, string text) => Remove(owner, "TXT").Txt(owner, text);

    public DnsZone Add(string owner, string type, string data)
    {
        _records.Add((Owner(owner), type, data));
        return this;
    }

    internal string ZoneFile()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"$ORIGIN {Name}.\n$TTL 1\n");
        // SOA: serial, refresh, retry, expire, minimum (negative-caching TTL, RFC 2308) — short, nothing here caches.
        text.Append(CultureInfo.InvariantCulture, $"@ IN SOA ns.{Name}. hostmaster.{Name}. {Serial} 60 60 600 1\n");
        text.Append(CultureInfo.InvariantCulture, $"@ IN NS ns.{Name}.\n");
        if (!_records.Any(r => r.Owner == "ns" && r.Type == "A"))
        {
            text.Append("ns IN A 127.0.0.1\n");
        }

        foreach (var (owner, type, data) in _records)
        {
            text.Append(CultureInfo.InvariantCulture, $"{owner} IN {type} {data}\n");
        }

        return text.ToString();
    }

    private string Owner(string owner)
    {
        var o = owner.ToLowerInvariant();
        if (o.EndsWith('.'))
        {
            var absolute = o.TrimEnd('.');
            return absolute == Name ? "@" : absolute.EndsWith("." + Name, StringComparison.Ordinal) ? absolute[..^(Name.Length + 1)] : o;
        }

        return o;
    }

    private static string Absolute(string name) => name.EndsWith('.') ? name : name + ".";

    private static string TxtData(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var parts = new List<string>();
        for (var i = 0; i < bytes.Length || parts.Count == 0; i += 255)
        {
            var chunk = bytes.AsSpan(i, Math.Min(255, bytes.Length - i));
            var quoted = new StringBuilder("\"");
            foreach (var b in chunk)
            {
                // Zone-file escapes: quote and backslash escaped, anything outside printable ASCII as \DDD.
                quoted.Append(b switch
                {
                    (byte)'"' or (byte)'\\' => "\\" + (char)b,
                    < 0x20 or > 0x7e => "\\" + b.ToString("D3", CultureInfo.InvariantCulture),
                    _ => ((char)b).ToString(),
                });
            }

            parts.Add(quoted.Append('"').ToString());
        }

        return string.Join(' ', parts);
    }
}
