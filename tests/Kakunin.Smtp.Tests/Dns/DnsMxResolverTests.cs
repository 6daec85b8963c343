using System.Net;
using Kakunin.Protocol;
using Kakunin.Smtp.Dns;

namespace Kakunin.Smtp.Tests.Dns;

/// <summary>The real DnsClient path against a DNS responder on 127.0.0.1.</summary>
public sealed class DnsMxResolverTests : IDisposable
{
    private readonly LoopbackDnsServer _dns = new LoopbackDnsServer()
        .Mx("example.com", 20, "mx2.example.com")
        .Mx("example.com", 10, "mx1.example.com")
        .Mx("nomail.example", 0, ".")
        .A("implicit.example", IPAddress.Loopback)
        .Empty("noaddress.example")
        .ServFail("broken.example")
        .Silent("slow.example");

    private DnsMxResolver Resolver => _dns.Resolver();

    public void Dispose() => _dns.Dispose();

    [Fact]
    public async Task Mx_hosts_in_preference_order()
    {
        var r = await Resolver.ResolveAsync("example.com", TestContext.Current.CancellationToken);
        Assert.Null(r.Failure);
        Assert.Equal(["mx1.example.com", "mx2.example.com"], r.Hosts);
        Assert.False(r.IsImplicit);
    }

    [Fact]
    public async Task Null_mx_is_permanent_5_1_10()
    {
        var r = await Resolver.ResolveAsync("nomail.example", TestContext.Current.CancellationToken);
        Assert.Equal(EnhancedStatusCodes.RecipientNullMx, r.Failure?.Status);
        Assert.True(r.Failure!.IsPermanent);
    }

    [Fact]
    public async Task No_mx_uses_the_domain_itself_when_it_has_an_address()
    {
        var r = await Resolver.ResolveAsync("implicit.example", TestContext.Current.CancellationToken);
        Assert.Null(r.Failure);
        Assert.Equal(["implicit.example"], r.Hosts);
        Assert.True(r.IsImplicit);
    }

    [Fact]
    public async Task Nxdomain_is_permanent_5_1_2()
    {
        var r = await Resolver.ResolveAsync("missing.example", TestContext.Current.CancellationToken);
        Assert.Equal(EnhancedStatusCodes.BadDestinationSystem, r.Failure?.Status);
    }

    [Fact]
    public async Task Servfail_is_transient_4_4_3()
    {
        var r = await Resolver.ResolveAsync("broken.example", TestContext.Current.CancellationToken);
        Assert.Equal(EnhancedStatusCodes.DirectoryServerFailure, r.Failure?.Status);
        Assert.False(r.Failure!.IsPermanent);
    }

    [Fact]
    public async Task Timeout_is_transient_4_4_3()
    {
        var r = await Resolver.ResolveAsync("slow.example", TestContext.Current.CancellationToken);
        Assert.Equal(EnhancedStatusCodes.DirectoryServerFailure, r.Failure?.Status);
    }

    [Fact]
    public async Task No_mx_and_no_address_is_permanent_5_4_4()
    {
        var r = await Resolver.ResolveAsync("noaddress.example", TestContext.Current.CancellationToken);
        Assert.Equal(EnhancedStatusCodes.UnableToRoute, r.Failure?.Status);
    }
}
