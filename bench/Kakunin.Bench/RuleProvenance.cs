namespace Kakunin.Bench;

/// <summary>
/// Which reason rules were written while looking at which family of the shared folder (the file-name
/// prefix before the last -NN). The classifier's rules are hand-written, not learned, so
/// "leave one family out" cannot retrain without a family; what it can do is say which families
/// the rules were drawn from, and score the rest apart (docs/benchmarks.md §5). The list is the
/// team's record, from the commit history of Analysis/ and the session notes; it is honest only as
/// far as that record is complete.
/// </summary>
internal static class RuleProvenance
{
    public static readonly IReadOnlyDictionary<string, string> Families = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["rhost-franceptt"] = "Orange OFR_ codes (VendorTable)",
        ["rhost-cox"] = "Cox AUP#CXBL/CXCNCT (VendorTable)",
        ["rhost-spectrum"] = "Spectrum AUP#I-nnnn ranges (SpectrumCodes)",
        ["lhost-yahoo"] = "Yahoo 'user complaints' (VendorTable)",
        ["rhost-facebook"] = "'recipient preferences' (VendorTable)",
        ["lhost-office365"] = "'dns query failed' (ReasonPhrases)",
        ["lhost-exim"] = "'pipe to |' mailer error (ReasonPhrases)",
        ["lhost-outlook"] = "'domain is not' catch-all kept (ReasonPhrases)",
        ["rhost-tencent"] = "'frequency limited' (ReasonPhrases)",
        ["lhost-dragonfly"] = "x.6.0 as a specific code (StatusRegistry)",
        ["lhost-mfilter"] = "x.4.1 as a generic code (StatusRegistry)",
        ["rhost-zoho"] = "x.4.1 as a generic code (StatusRegistry)",
        ["lhost-amazonworkmail"] = "the inner code of an x.4.7 expiry (StatusChoice)",
        ["lhost-sendmail"] = "x.1.1 field beside another code (StatusChoice)",
    };
}
