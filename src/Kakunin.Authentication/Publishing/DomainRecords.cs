using System.Globalization;

namespace Kakunin.Authentication.Publishing;

/// <summary>
/// The DNS records a Kakunin domain needs, from what the server knows: its host name (the MX, and the HELO name SPF
/// checks for DSNs, RFC 7208 §2.3), the domain's DKIM keys, and the postmaster address for DMARC and TLS reports.
/// </summary>
public static class DomainRecords
{
    public static IReadOnlyList<DomainRecord> For(string domain, string hostName, IReadOnlyList<PublishedKey> keys, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(domain);
        ArgumentNullException.ThrowIfNull(hostName);
        ArgumentNullException.ThrowIfNull(keys);
        var d = domain.TrimEnd('.').ToLowerInvariant();
        var host = hostName.TrimEnd('.').ToLowerInvariant();
        var records = new List<DomainRecord>
        {
            new(RecordKind.Mx, d, "MX", $"10 {host}."),
            // RFC 7208 §5.4: "mx" authorises the addresses of the domain's MX hosts, which is where Kakunin sends from;
            // "-all" fails everyone else (a DMARC policy then decides what happens to such mail).
            new(RecordKind.Spf, d, "TXT", "v=spf1 mx -all"),
        };
        if (host != d)
        {
            // DSNs travel with an empty MAIL FROM, so SPF checks the HELO name, the host name (RFC 7208 §2.3).
            records.Add(new(RecordKind.Spf, host, "TXT", "v=spf1 a -all"));
        }

        records.AddRange(keys.Select(k => new DomainRecord(RecordKind.Dkim, $"{k.Selector}._domainkey.{d}", "TXT", k.Record, Selector: k.Selector, KeyState: k.State)));
        // RFC 7489 §6.3: p= is required; quarantine is a firm start that cannot lose mail outright; rua asks for
        // aggregate reports (§7.2) at the postmaster.
        records.Add(new(RecordKind.Dmarc, $"_dmarc.{d}", "TXT", $"v=DMARC1; p=quarantine; adkim=r; aspf=r; rua=mailto:postmaster@{d}"));
        // Optional: RFC 8461 §3.1 (the id changes whenever the policy file at https://mta-sts.DOMAIN/.well-known/mta-sts.txt does)
        // and RFC 8460 §3.
        records.Add(new(RecordKind.MtaSts, $"_mta-sts.{d}", "TXT", $"v=STSv1; id={now.UtcDateTime.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture)}", Optional: true));
        records.Add(new(RecordKind.TlsRpt, $"_smtp._tls.{d}", "TXT", $"v=TLSRPTv1; rua=mailto:postmaster@{d}", Optional: true));
        return records;
    }
}
