using System.Globalization;

namespace Kakunin.Authentication.Dmarc;

/// <summary>
/// A DMARC policy record (RFC 7489 §6.3, §6.4): the tags that decide a verdict. Reporting tags (rua, ruf, fo, rf,
/// ri) are not used here, except that a valid "rua" keeps a record whose "p" is broken (§6.6.3 step 6).
/// </summary>
/// <param name="Policy">"p": for the domain the record was found at.</param>
/// <param name="SubdomainPolicy">"sp": for names below the organizational domain; "p" when absent.</param>
/// <param name="StrictDkim">"adkim=s"; relaxed by default.</param>
/// <param name="StrictSpf">"aspf=s"; relaxed by default.</param>
/// <param name="Percent">"pct": the share of failing mail the policy applies to, 0–100 (default 100).</param>
public sealed record DmarcRecord(DmarcPolicy Policy, DmarcPolicy SubdomainPolicy, bool StrictDkim, bool StrictSpf, int Percent)
{
    /// <summary>RFC 7489 §6.6.3 step 3: a record starts with the tag "v=DMARC1" (exact, §6.4 ABNF), spaces allowed around "=".</summary>
    public static bool IsDmarcRecord(string txt)
    {
        ArgumentNullException.ThrowIfNull(txt);
        var first = txt.Split(';', 2)[0].Split('=', 2);
        return first.Length == 2 && first[0].Trim() == "v" && first[1].Trim() == "DMARC1";
    }

    /// <summary>
    /// Parses a record (<see cref="IsDmarcRecord"/> true). Unknown tags are ignored (§6.3). A missing or invalid "p", or
    /// an invalid "sp", gives a p=none record when a "rua" tag has a syntactically valid URI, else null: no DMARC
    /// processing (§6.6.3 step 6). An invalid adkim, aspf or pct is taken as its default.
    /// </summary>
    public static DmarcRecord? Parse(string txt)
    {
        ArgumentNullException.ThrowIfNull(txt);
        var tags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in txt.Split(';'))
        {
            var pair = part.Split('=', 2);
            if (pair.Length != 2) continue;
            tags.TryAdd(pair[0].Trim(), pair[1].Trim());
        }

        var p = DmarcPolicies.Parse(tags.GetValueOrDefault("p"));
        DmarcPolicy? sp = tags.TryGetValue("sp", out var spText) ? DmarcPolicies.Parse(spText) : p;
        if (p is null || sp is null)
        {
            if (!HasValidRua(tags.GetValueOrDefault("rua"))) return null;
            (p, sp) = (DmarcPolicy.None, DmarcPolicy.None);
        }

        var percent = int.TryParse(tags.GetValueOrDefault("pct"), NumberStyles.None, CultureInfo.InvariantCulture, out var pct) && pct <= 100 ? pct : 100;
        return new DmarcRecord(p.Value, sp.Value, IsStrict(tags.GetValueOrDefault("adkim")), IsStrict(tags.GetValueOrDefault("aspf")), percent);
    }

    private static bool IsStrict(string? value) => string.Equals(value, "s", StringComparison.OrdinalIgnoreCase);

    // RFC 7489 §6.4: dmarc-uri = URI [ "!" 1*DIGIT [ "k" / "m" / "g" / "t" ] ], comma-separated.
    private static bool HasValidRua(string? rua) =>
        rua is not null && rua.Split(',').Any(u => Uri.TryCreate(u.Trim().Split('!')[0], UriKind.Absolute, out _));
}
