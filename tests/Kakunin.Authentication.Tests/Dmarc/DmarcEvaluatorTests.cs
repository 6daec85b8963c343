using Kakunin.Authentication.Dmarc;

namespace Kakunin.Authentication.Tests.Dmarc;

/// <summary>DMARC discovery, alignment and policy (RFC 7489 §3.1, §6.3, §6.6), with results worked out by hand.</summary>
public class DmarcEvaluatorTests
{
    private static readonly PublicSuffixList Psl = PublicSuffixList.Parse("test\nco.test\n");

    private static Task<DmarcOutcome> Evaluate(TestZone zone, string from, SpfCheck? spf, DkimCheck[] dkim, int percentile = 0) =>
        new DmarcEvaluator(zone, Psl, () => percentile).EvaluateAsync(from, spf, dkim, CancellationToken.None);

    private static SpfCheck Spf(AuthResult r, string d) => new(r, d);

    private static DkimCheck Dkim(AuthResult r, string d) => new(r, d, "s1");

    [Fact]
    public async Task Relaxed_alignment_passes_on_the_same_organizational_domain()
    {
        var zone = new TestZone().Txt("_dmarc.example.test", "v=DMARC1; p=reject");
        var outcome = await Evaluate(zone, "example.test", Spf(AuthResult.Pass, "bounces.example.test"), []);
        Assert.Equal(new DmarcCheck(AuthResult.Pass, "example.test", "reject"), outcome.Check);
        Assert.Equal(AuthResult.Pass, (await Evaluate(zone, "example.test", Spf(AuthResult.Fail, "example.test"), [Dkim(AuthResult.Pass, "mail.example.test")])).Check.Result);
    }

    [Fact]
    public async Task Strict_alignment_needs_the_exact_domain()
    {
        var zone = new TestZone().Txt("_dmarc.example.test", "v=DMARC1; p=quarantine; adkim=s; aspf=s");
        var outcome = await Evaluate(zone, "example.test", Spf(AuthResult.Pass, "bounces.example.test"), [Dkim(AuthResult.Pass, "mail.example.test")]);
        Assert.Equal(AuthResult.Fail, outcome.Check.Result);
        Assert.Equal(DmarcPolicy.Quarantine, outcome.Applied);
        Assert.Equal(AuthResult.Pass, (await Evaluate(zone, "example.test", null, [Dkim(AuthResult.Pass, "example.test")])).Check.Result);
    }

    [Fact]
    public async Task A_pass_of_an_unaligned_domain_is_a_fail()
    {
        var zone = new TestZone().Txt("_dmarc.example.test", "v=DMARC1; p=reject");
        var outcome = await Evaluate(zone, "example.test", Spf(AuthResult.Pass, "attacker.test"), [Dkim(AuthResult.Pass, "attacker.test")]);
        Assert.Equal(new DmarcCheck(AuthResult.Fail, "example.test", "reject"), outcome.Check);
        Assert.Equal(DmarcPolicy.Reject, outcome.Applied);
    }

    [Fact]
    public async Task A_subdomain_falls_back_to_the_organizational_record_and_its_sp()
    {
        var zone = new TestZone().Txt("_dmarc.example.test", "v=DMARC1; p=reject; sp=quarantine");
        var outcome = await Evaluate(zone, "news.example.test", null, []);
        Assert.Equal(new DmarcCheck(AuthResult.Fail, "news.example.test", "quarantine"), outcome.Check);
        Assert.Contains(("_dmarc.news.example.test", "TXT"), zone.Queries);
        Assert.Contains(("_dmarc.example.test", "TXT"), zone.Queries);
        // Under a two-label public suffix (co.test) the organizational domain has three labels.
        var co = new TestZone().Txt("_dmarc.shop.co.test", "v=DMARC1; p=none");
        Assert.Equal(new DmarcCheck(AuthResult.Fail, "www.shop.co.test", "none"), (await Evaluate(co, "www.shop.co.test", null, [])).Check);
    }

    [Fact]
    public async Task Pct_sends_the_unsampled_share_to_the_next_weaker_policy()
    {
        var zone = new TestZone().Txt("_dmarc.example.test", "v=DMARC1; p=reject; pct=20");
        Assert.Equal(DmarcPolicy.Reject, (await Evaluate(zone, "example.test", null, [], percentile: 19)).Applied);
        Assert.Equal(DmarcPolicy.Quarantine, (await Evaluate(zone, "example.test", null, [], percentile: 20)).Applied);
        Assert.Equal("quarantine", (await Evaluate(zone, "example.test", null, [], percentile: 20)).Check.Policy);
    }

    [Theory]
    [InlineData(new string[0], AuthResult.None)]
    [InlineData(new[] { "v=spf1 -all" }, AuthResult.None)]
    [InlineData(new[] { "v=DMARC1; p=reject", "v=DMARC1; p=none" }, AuthResult.None)] // §6.6.3: several records: no DMARC
    [InlineData(new[] { "v=DMARC1; p=bogus" }, AuthResult.None)] // §6.6.3 step 6: invalid p and no rua
    [InlineData(new[] { "v=DMARC1; p=bogus; rua=mailto:d@example.test" }, AuthResult.Fail)] // ...with a rua: as p=none
    [InlineData(new[] { "v=dmarc1; p=reject" }, AuthResult.None)] // the version is case-sensitive (§6.4)
    [InlineData(new[] { "p=reject; v=DMARC1" }, AuthResult.None)] // v must come first
    public async Task Discovery_finds_exactly_one_valid_record(string[] records, AuthResult expected)
    {
        var zone = new TestZone();
        if (records.Length > 0) zone.Txt("_dmarc.example.test", records);
        Assert.Equal(expected, (await Evaluate(zone, "example.test", null, [])).Check.Result);
    }

    [Fact]
    public async Task DNS_failure_is_temperror_and_so_is_an_aligned_check_that_could_not_finish()
    {
        var down = new TestZone();
        down.Failing.Add("_dmarc.example.test");
        Assert.Equal(AuthResult.TempError, (await Evaluate(down, "example.test", null, [])).Check.Result);
        var zone = new TestZone().Txt("_dmarc.example.test", "v=DMARC1; p=reject");
        var outcome = await Evaluate(zone, "example.test", Spf(AuthResult.TempError, "example.test"), []);
        Assert.Equal(AuthResult.TempError, outcome.Check.Result);
        Assert.Null(outcome.Applied);
    }
}
