using Kakunin.Protocol;

namespace Kakunin.Reports.Analysis.Vendors;

/// <summary>
/// The vendor layer of the reason classifier: providers' published codes (<see cref="VendorTable"/>),
/// Spectrum's numbered AUP codes, and Microsoft's own x.7.5xx–x.7.7xx status details, which the
/// registry does not hold. Decides before the status registry and the phrase tables.
/// </summary>
internal static class VendorCodes
{
    /// <summary>The rules whose code alone decides (no host key), in table order.</summary>
    internal static readonly VendorRule[] Unkeyed = VendorTable.Rules.Where(r => r.Hosts.Length == 0).ToArray();

    /// <summary>The rules that decide only where one of their hosts is involved, in table order.</summary>
    internal static readonly VendorRule[] Keyed = VendorTable.Rules.Where(r => r.Hosts.Length > 0).ToArray();

    // Whether ReasonWords' keyed channel can say "none occurs": exact only while every keyed code is ASCII (the
    // automaton and AsciiFold then fold the same way); otherwise every keyed code is tried.
    private static readonly bool KeyedCodesAscii = Keyed.All(r => System.Text.Ascii.IsValid(r.Token));

    private static readonly string[] MicrosoftHosts = ["outlook.com", "office365.com", "microsoft.com", "hotmail.com", "exchangelabs.com"];

    /// <summary>The reason a provider's own code in <paramref name="diagnostic"/> names, or null.</summary>
    /// <param name="words">What <see cref="ReasonWords.Scan"/> found in <paramref name="diagnostic"/>.</param>
    /// <param name="hosts">Text naming the hosts involved: recipient domain, remote MTA, the report's wider text.</param>
    public static BounceReason? Find(string? diagnostic, in ReasonWords words, EnhancedStatusCode? status, Func<string[], bool> hosts)
    {
        if (!string.IsNullOrEmpty(diagnostic))
        {
            if (words.UnkeyedVendorRule is { } rank)
            {
                return Unkeyed[rank].Reason;
            }

            // Folded once and searched ordinally: an OrdinalIgnoreCase search per rule was a visible share of
            // the classifier's time (docs/benchmarks.md §5); and only when one of the codes occurs at all.
            if (!KeyedCodesAscii || words.AnyKeyedVendorCode)
            {
                var folded = AsciiFold.ToLower(diagnostic);
                foreach (var rule in Keyed)
                {
                    if ((AsciiFold.Contains(folded, rule.Token) ?? diagnostic.Contains(rule.Token, StringComparison.OrdinalIgnoreCase)) && hosts(rule.Hosts))
                    {
                        return rule.Reason;
                    }
                }
            }

            if (SpectrumCodes.Find(diagnostic) is { } spectrum)
            {
                return spectrum;
            }
        }

        return status is { } code ? Microsoft(code, hosts) : null;
    }

    // Microsoft's NDR reference (VendorTable's Microsoft source): 5.1.10 "recipient not found" (not
    // RFC 7505's null MX), 5.7.509 DMARC reject, 5.7.511 banned sender, 5.7.606–649 banned sending IP,
    // 5.7.700–750 refusals of the sending tenant or IP.
    private static BounceReason? Microsoft(EnhancedStatusCode code, Func<string[], bool> hosts)
    {
        var reason = code switch
        {
            { Subject: 1, Detail: 10 } => BounceReason.UserUnknown,
            { Subject: 7, Detail: 509 } => BounceReason.AuthFailure,
            { Subject: 7, Detail: 511 } => BounceReason.Blocked,
            { Subject: 7, Detail: >= 606 and <= 649 } => BounceReason.Blocked,
            { Subject: 7, Detail: >= 700 and <= 750 } => BounceReason.Blocked,
            _ => (BounceReason?)null,
        };
        return reason is not null && hosts(MicrosoftHosts) ? reason : null;
    }
}
