using System.Net;
using Kakunin.Authentication.Spf;

namespace Kakunin.Authentication.Tests.Spf;

/// <summary>check_host() against RFC 7208, on records written here; expected results read from the RFC sections cited.</summary>
public class SpfEvaluatorTests
{
    private static readonly IPAddress Client = IPAddress.Parse("192.0.2.10");

    private static async Task<SpfOutcome> Check(TestZone zone, string domain = "example.test", string? ip = null, string sender = "alice@example.test") =>
        await new SpfEvaluator(zone).CheckHostAsync(ip is null ? Client : IPAddress.Parse(ip), domain, sender, "helo.example.test", CancellationToken.None);

    [Theory]
    [InlineData("v=spf1 ip4:192.0.2.0/24 -all", AuthResult.Pass)]
    [InlineData("v=spf1 ip4:192.0.2.11 -all", AuthResult.Fail)]
    [InlineData("v=spf1 ip4:192.0.2.11 ~all", AuthResult.SoftFail)]
    [InlineData("v=spf1 ip4:192.0.2.11 ?all", AuthResult.Neutral)]
    [InlineData("v=spf1 ip4:192.0.2.11", AuthResult.Neutral)] // §4.7: no match, no redirect
    [InlineData("v=spf1 -ip4:192.0.2.10 +all", AuthResult.Fail)] // §4.6.2: the first match decides
    [InlineData("V=SPF1 IP4:192.0.2.10 -ALL", AuthResult.Pass)] // §4.5 and §12: case-insensitive
    [InlineData("v=spf1 ip4:192.0.2.10/33 -all", AuthResult.PermError)] // §12 ip4-cidr-length 0-32
    [InlineData("v=spf1 ip4:192.0.2.10/024 -all", AuthResult.PermError)] // no leading zeros
    [InlineData("v=spf1 ip4:192.0.2 -all", AuthResult.PermError)]
    [InlineData("v=spf1 foo:bar -all", AuthResult.PermError)] // §4.6: an unknown mechanism anywhere
    [InlineData("v=spf1 -all foo:bar", AuthResult.PermError)] // ...even after "all": syntax first
    [InlineData("v=spf1 -all moo=bar.%{d}", AuthResult.Fail)] // §6: unknown modifiers are ignored
    [InlineData("v=spf1 -all moo=%{q}", AuthResult.PermError)] // ...but their macro-string must be valid
    [InlineData("v=spf1 redirect=a.example.test redirect=b.example.test", AuthResult.PermError)] // §6: at most once
    [InlineData("v=spf1 include:localhost -all", AuthResult.PermError)] // §12 domain-end needs a toplabel
    [InlineData("v=spf1 a:1.2.3.4 -all", AuthResult.PermError)] // ...and a toplabel is not all digits
    [InlineData("v=spf1 a -all", AuthResult.Pass)]
    [InlineData("v=spf1 a/24 -all", AuthResult.Pass)]
    [InlineData("v=spf1 mx -all", AuthResult.Pass)]
    [InlineData("v=spf1 mx:other.example.test -all", AuthResult.Fail)]
    [InlineData("v=spf1 mx:other.example.test/24 -all", AuthResult.Pass)]
    [InlineData("v=spf1 exists:%{ir}.allow.example.test -all", AuthResult.Pass)]
    [InlineData("v=spf1 exists:%{l}.allow.example.test -all", AuthResult.Fail)]
    [InlineData("v=spf1 ptr -all", AuthResult.Pass)]
    [InlineData("v=spf1 ptr:elsewhere.test -all", AuthResult.Fail)]
    public async Task A_record_gives_the_result_the_RFC_says(string record, AuthResult expected)
    {
        var zone = new TestZone()
            .Txt("example.test", record)
            .A("example.test", "192.0.2.10")
            .Add("example.test", "MX", "10 mx1.example.test", "20 mx2.example.test")
            .A("mx1.example.test", "198.51.100.1")
            .A("mx2.example.test", "192.0.2.10")
            .Add("other.example.test", "MX", "10 mx3.example.test")
            .A("mx3.example.test", "192.0.2.99")
            .A("10.2.0.192.allow.example.test", "127.0.0.2")
            .Add("10.2.0.192.in-addr.arpa", "PTR", "host.example.test")
            .A("host.example.test", "192.0.2.10");
        Assert.Equal(expected, (await Check(zone)).Result);
    }

    [Fact]
    public async Task No_record_is_none_and_two_records_are_permerror()
    {
        Assert.Equal(AuthResult.None, (await Check(new TestZone().Txt("example.test", "some other text"))).Result);
        Assert.Equal(AuthResult.None, (await Check(new TestZone().Txt("example.test", "v=spf10 -all"))).Result); // §4.5: "v=spf1" then space or end
        Assert.Equal(AuthResult.None, (await Check(new TestZone())).Result); // NXDOMAIN (§4.3)
        Assert.Equal(AuthResult.PermError, (await Check(new TestZone().Txt("example.test", "v=spf1 -all", "v=spf1 +all"))).Result);
        Assert.Equal(AuthResult.None, (await Check(new TestZone(), domain: "localhost")).Result); // §4.3: not multi-label
    }

    [Fact]
    public async Task Include_maps_results_as_section_5_2_says()
    {
        var zone = new TestZone()
            .Txt("example.test", "v=spf1 include:pass.test include:fail.test -all")
            .Txt("pass.test", "v=spf1 ip4:192.0.2.10 -all")
            .Txt("fail.test", "v=spf1 -all");
        Assert.Equal(AuthResult.Pass, (await Check(zone)).Result);
        Assert.Equal(AuthResult.Fail, (await Check(zone, ip: "192.0.2.11")).Result); // include's fail is "no match"

        var none = new TestZone().Txt("example.test", "v=spf1 include:nothing.test -all").Txt("x.nothing.test", "");
        Assert.Equal(AuthResult.PermError, (await Check(none)).Result); // include of a domain without a record

        var temp = new TestZone().Txt("example.test", "v=spf1 include:down.test -all");
        temp.Failing.Add("down.test");
        Assert.Equal(AuthResult.TempError, (await Check(temp)).Result);
    }

    [Fact]
    public async Task Redirect_is_used_only_without_all_and_a_missing_target_is_permerror()
    {
        var zone = new TestZone()
            .Txt("example.test", "v=spf1 ip4:198.51.100.1 redirect=_spf.example.test")
            .Txt("_spf.example.test", "v=spf1 ip4:192.0.2.10 -all");
        Assert.Equal(AuthResult.Pass, (await Check(zone)).Result);
        var withAll = new TestZone().Txt("example.test", "v=spf1 redirect=_spf.example.test ?all").Txt("_spf.example.test", "v=spf1 +all");
        Assert.Equal(AuthResult.Neutral, (await Check(withAll)).Result); // §5.1: redirect ignored when "all" is present
        var missing = new TestZone().Txt("example.test", "v=spf1 redirect=gone.example.test");
        Assert.Equal(AuthResult.PermError, (await Check(missing)).Result); // §6.1
    }

    [Fact]
    public async Task Ten_DNS_terms_pass_and_the_eleventh_is_permerror()
    {
        // §4.6.4: include, a, mx, ptr, exists and redirect count; ip4 and all do not.
        string Record(int n) => "v=spf1 " + string.Join(' ', Enumerable.Range(0, n).Select(i => $"a:h{i}.example.test")) + " ip4:192.0.2.10 -all";
        TestZone Zone(int n)
        {
            var z = new TestZone().Txt("example.test", Record(n));
            for (var i = 0; i < n; i++) z.A($"h{i}.example.test", "198.51.100.1");
            return z;
        }
        Assert.Equal(AuthResult.Pass, (await Check(Zone(10))).Result);
        Assert.Equal(AuthResult.PermError, (await Check(Zone(11))).Result);
    }

    [Fact]
    public async Task The_third_void_lookup_is_permerror()
    {
        var two = new TestZone().Txt("example.test", "v=spf1 a:void1.example.test a:void2.example.test ip4:192.0.2.10 -all");
        Assert.Equal(AuthResult.Pass, (await Check(two)).Result);
        var three = new TestZone().Txt("example.test", "v=spf1 a:void1.example.test a:void2.example.test a:void3.example.test ip4:192.0.2.10 -all");
        var outcome = await Check(three);
        Assert.Equal(AuthResult.PermError, outcome.Result);
        Assert.Contains("void", outcome.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Include_and_redirect_loops_end_in_permerror_within_the_lookup_limit()
    {
        var include = new TestZone().Txt("example.test", "v=spf1 include:loop.test -all").Txt("loop.test", "v=spf1 include:example.test -all");
        Assert.Equal(AuthResult.PermError, (await Check(include)).Result);
        Assert.True(include.Queries.Count <= 12, $"{include.Queries.Count} queries");
        var redirect = new TestZone().Txt("example.test", "v=spf1 redirect=example.test");
        Assert.Equal(AuthResult.PermError, (await Check(redirect)).Result);
    }

    [Fact]
    public async Task More_than_ten_MX_names_is_permerror()
    {
        var zone = new TestZone().Txt("example.test", "v=spf1 mx -all");
        for (var i = 0; i < 11; i++)
        {
            zone.Add("example.test", "MX", $"{i} mx{i}.example.test");
            zone.A($"mx{i}.example.test", "192.0.2.10");
        }
        Assert.Equal(AuthResult.PermError, (await Check(zone)).Result);
    }

    [Fact]
    public async Task A_DNS_failure_in_a_mechanism_is_temperror_and_at_the_record_too()
    {
        var zone = new TestZone().Txt("example.test", "v=spf1 a:down.example.test -all");
        zone.Failing.Add("down.example.test");
        Assert.Equal(AuthResult.TempError, (await Check(zone)).Result);
        var record = new TestZone();
        record.Failing.Add("example.test");
        Assert.Equal(AuthResult.TempError, (await Check(record)).Result);
    }

    [Fact]
    public async Task IPv6_clients_match_ip6_and_AAAA_with_their_cidr_and_mapped_IPv4_counts_as_IPv4()
    {
        var zone = new TestZone()
            .Txt("example.test", "v=spf1 ip6:2001:db8::/32 a:six.example.test//64 -all")
            .Add("six.example.test", "AAAA", "2001:db9:1:2::1");
        Assert.Equal(AuthResult.Pass, (await Check(zone, ip: "2001:db8::5")).Result);
        Assert.Equal(AuthResult.Pass, (await Check(zone, ip: "2001:db9:1:2::77")).Result);
        Assert.Equal(AuthResult.Fail, (await Check(zone, ip: "2001:db9:1:3::77")).Result);
        var v4 = new TestZone().Txt("example.test", "v=spf1 ip4:192.0.2.0/24 -all");
        Assert.Equal(AuthResult.Pass, (await Check(v4, ip: "::ffff:192.0.2.10")).Result);
    }

    [Fact]
    public async Task Explanation_of_a_fail_is_expanded_with_its_macros()
    {
        var zone = new TestZone()
            .Txt("example.test", "v=spf1 -all exp=explain.example.test")
            .Txt("explain.example.test", "%{i} is not one of %{d}'s senders; %{l} at %{o} via %{c}");
        var outcome = await Check(zone);
        Assert.Equal(AuthResult.Fail, outcome.Result);
        Assert.Equal("192.0.2.10 is not one of example.test's senders; alice at example.test via 192.0.2.10", outcome.Explanation);
    }

    [Fact]
    public async Task HELO_is_checked_when_MAIL_FROM_is_empty()
    {
        var zone = new TestZone().Txt("helo.example.test", "v=spf1 ip4:192.0.2.10 -all").Txt("example.test", "v=spf1 -all");
        var (check, _) = await new SpfEvaluator(zone).CheckAsync(Client, "", "helo.example.test", CancellationToken.None);
        Assert.Equal(new SpfCheck(AuthResult.Pass, "helo.example.test", "helo"), check);
        var (mailFrom, _) = await new SpfEvaluator(zone).CheckAsync(Client, "bob@Example.Test", "helo.example.test", CancellationToken.None);
        Assert.Equal(new SpfCheck(AuthResult.Fail, "example.test", "mailfrom"), mailFrom);
    }
}
