using Kakunin.Protocol;

namespace Kakunin.Smtp.Dns;

/// <summary>Pure rules that turn the MX records of a domain into the hosts to try.</summary>
public static class MxSelection
{
    /// <summary>
    /// Orders MX records by preference, lowest first, shuffling hosts of equal preference
    /// (RFC 5321 §5.1: "if there are multiple destinations with the same preference … the
    /// SMTP client SHOULD randomize them"). A single MX whose exchange is "." is a null MX
    /// (RFC 7505 §3): the domain accepts no mail, reported as 5.1.10 (RFC 7505 §4.1).
    /// A "." mixed with real hosts breaks RFC 7505 §3 ("MUST NOT advertise any other MX RR");
    /// the "." entry is then skipped and the real hosts are used.
    /// Returns null when there are no records at all: the caller falls back to the implicit MX.
    /// </summary>
    public static MxResolution? Select(string domain, IReadOnlyCollection<(int Preference, string Exchange)> records, Random random)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(random);
        if (records.Count == 0)
        {
            return null;
        }

        var normalized = records.Select(r => (r.Preference, Host: Normalize(r.Exchange))).ToList();
        if (normalized.Count == 1 && normalized[0].Host.Length == 0)
        {
            return MxResolution.Failed(new MxFailure(
                EnhancedStatusCodes.RecipientNullMx,
                $"{domain} does not accept mail (null MX, RFC 7505)"));
        }

        var usable = normalized.Where(r => r.Host.Length > 0).ToList();
        if (usable.Count == 0)
        {
            // RFC 5321 §5.1: MX records present but none usable is an error.
            return MxResolution.Failed(new MxFailure(EnhancedStatusCodes.UnableToRoute, $"{domain} has no usable MX host"));
        }

        var ordered = usable
            .Select(r => (r.Preference, r.Host, Tie: random.Next()))
            .OrderBy(r => r.Preference)
            .ThenBy(r => r.Tie)
            .Select(r => r.Host)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        return MxResolution.Found(ordered);
    }

    /// <summary>"mx.example.com." → "mx.example.com"; "." → "" (the null MX root).</summary>
    public static string Normalize(string exchange)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        return exchange.TrimEnd('.');
    }
}
