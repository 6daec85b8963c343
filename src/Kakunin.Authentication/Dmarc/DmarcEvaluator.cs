using Kakunin.Authentication.Dns;

namespace Kakunin.Authentication.Dmarc;

/// <summary>
/// DMARC (RFC 7489) for the RFC5322.From domain, written here by hand because no maintained .NET DMARC library is
/// served from our package registry: policy discovery (§6.6.3), identifier alignment (§3.1) and the policy to
/// apply (§6.6.4, sp and pct), from SPF and DKIM results already computed.
/// </summary>
public sealed class DmarcEvaluator
{
    private readonly IAuthDns _dns;
    private readonly IOrganizationalDomains _organizational;
    private readonly Func<int> _percentile;

    /// <param name="percentile">A number in 0–99 for pct sampling (§6.6.4); random when null.</param>
    public DmarcEvaluator(IAuthDns dns, IOrganizationalDomains organizational, Func<int>? percentile = null)
    {
        ArgumentNullException.ThrowIfNull(dns);
        ArgumentNullException.ThrowIfNull(organizational);
        (_dns, _organizational, _percentile) = (dns, organizational, percentile ?? (() => Random.Shared.Next(100)));
    }

    /// <param name="fromDomain">The domain of the RFC5322.From address.</param>
    /// <param name="spf">The SPF check: of MAIL FROM, or of HELO when MAIL FROM was empty (the identity SPF checked).</param>
    public async Task<DmarcOutcome> EvaluateAsync(string fromDomain, SpfCheck? spf, IReadOnlyList<DkimCheck> dkim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fromDomain);
        ArgumentNullException.ThrowIfNull(dkim);
        var from = fromDomain.Trim().TrimEnd('.').ToLowerInvariant();
        var organizational = _organizational.Of(from);

        // RFC 7489 §6.6.3: _dmarc.<From domain>, then _dmarc.<organizational domain> when different.
        var (status, record, several) = await DiscoverAsync(from, cancellationToken).ConfigureAwait(false);
        var atOrganizational = false;
        if (status != DnsStatus.TempError && record is null && !several && !string.Equals(from, organizational, StringComparison.Ordinal))
        {
            (status, record, _) = await DiscoverAsync(organizational, cancellationToken).ConfigureAwait(false);
            atOrganizational = true;
        }

        if (status == DnsStatus.TempError)
            return new DmarcOutcome(new DmarcCheck(AuthResult.TempError, from), null, null, "DNS failure looking up the DMARC record");
        if (record is null)
            return new DmarcOutcome(new DmarcCheck(AuthResult.None, from), null, null, $"{from} publishes no DMARC record");

        // RFC 7489 §6.3 "sp": a record found at the organizational domain for a subdomain applies sp.
        var policy = atOrganizational ? record.SubdomainPolicy : record.Policy;
        bool Aligned(string domain, bool strict) => strict
            ? string.Equals(domain.TrimEnd('.'), from, StringComparison.OrdinalIgnoreCase)
            : string.Equals(_organizational.Of(domain), organizational, StringComparison.OrdinalIgnoreCase);

        // RFC 7489 §3.1, §4.2: pass when SPF or DKIM passes with an identifier aligned with the From domain.
        var dkimAligned = dkim.Where(d => d.Domain.Length > 0 && Aligned(d.Domain, record.StrictDkim)).ToList();
        var spfAligned = spf is not null && spf.Domain.Length > 0 && Aligned(spf.Domain, record.StrictSpf);
        var pass = dkimAligned.Any(d => d.Result == AuthResult.Pass) || (spfAligned && spf!.Result == AuthResult.Pass);
        AuthResult result;
        if (pass) result = AuthResult.Pass;
        // A transient failure of an aligned check could have been a pass: temperror, so no policy throws mail away.
        else if (dkimAligned.Any(d => d.Result == AuthResult.TempError) || (spfAligned && spf!.Result == AuthResult.TempError)) result = AuthResult.TempError;
        else result = AuthResult.Fail;

        // RFC 7489 §6.6.4: with pct below 100, the unsampled share gets the next weaker policy.
        var applied = policy;
        if (result == AuthResult.Fail && record.Percent < 100 && _percentile() >= record.Percent)
            applied = policy == DmarcPolicy.Reject ? DmarcPolicy.Quarantine : DmarcPolicy.None;
        return new DmarcOutcome(new DmarcCheck(result, from, applied.Word()), record, result == AuthResult.Fail ? applied : null);
    }

    /// <summary>RFC 7489 §6.6.3 steps 1–4: exactly one "v=DMARC1" TXT record, or none.</summary>
    private async Task<(DnsStatus Status, DmarcRecord? Record, bool Several)> DiscoverAsync(string domain, CancellationToken cancellationToken)
    {
        var answer = await _dns.TxtAsync("_dmarc." + domain, cancellationToken).ConfigureAwait(false);
        if (answer.Status == DnsStatus.TempError) return (DnsStatus.TempError, null, false);
        var records = answer.Records.Where(DmarcRecord.IsDmarcRecord).ToList();
        // "If the remaining set contains multiple records or no records, policy discovery terminates and DMARC
        // processing is not applied to this message." A record whose p is broken and has no rua is no record (step 6).
        return (answer.Status, records.Count == 1 ? DmarcRecord.Parse(records[0]) : null, records.Count > 1);
    }
}
