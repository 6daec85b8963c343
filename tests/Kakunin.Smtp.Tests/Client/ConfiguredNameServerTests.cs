using System.Net;
using System.Net.Sockets;
using Kakunin.Smtp.Client;
using Kakunin.Smtp.Dns;
using Kakunin.Smtp.Tests.Dns;
using static Kakunin.Smtp.Tests.Client.ClientHarness;

namespace Kakunin.Smtp.Tests.Client;

/// <summary>
/// With name servers configured (--dns-servers), the MX hosts' addresses come from them too, not from the system's
/// resolver: the real <see cref="TcpSmtpDialer"/> and <see cref="DnsMxResolver"/> against a DNS responder on loopback
/// that is the only one to know the names used here (.test, RFC 6761: no public resolver answers for them).
/// </summary>
public sealed class ConfiguredNameServerTests : IDisposable
{
    private readonly LoopbackDnsServer _dns = new LoopbackDnsServer()
        .Mx("example.com", 10, "mx.only-here.test")
        .A("mx.only-here.test", IPAddress.Loopback)
        .A("dual.only-here.test", IPAddress.Loopback)
        .A("dual.only-here.test", IPAddress.IPv6Loopback)
        .Empty("noaddress.only-here.test")
        .ServFail("broken.only-here.test");

    private DnsMxResolver Resolver => _dns.Resolver();

    public void Dispose() => _dns.Dispose();

    [Fact]
    public async Task Mail_goes_to_the_address_the_configured_name_server_gives_the_mx_host()
    {
        await using var peer = new ScriptedSmtpPeer(Accepting("mx.only-here.test"));
        var resolver = Resolver;
        var transport = new SmtpOutboundTransport(
            new SmtpOutboundOptions { HeloName = "client.example", Port = peer.Port, Timeouts = Fast }, new TcpSmtpDialer(resolver), resolver, TimeProvider.System);

        var results = await transport.SendAsync(Message(SimpleContent, To("b@example.com")), TestContext.Current.CancellationToken);
        await peer.Completion;

        var r = Assert.Single(results);
        Assert.Equal(RecipientOutcomeKind.Accepted, r.Outcome);
        Assert.Equal("mx.only-here.test", r.RemoteMta);
        Assert.Contains("mx.only-here.test A", _dns.Questions);
    }

    [Fact]
    public async Task Addresses_come_ipv6_first_then_ipv4()
    {
        var found = await Resolver.ResolveAddressesAsync("dual.only-here.test", TestContext.Current.CancellationToken);
        Assert.Null(found.Failure);
        Assert.Equal([IPAddress.IPv6Loopback, IPAddress.Loopback], found.Addresses);
    }

    [Fact]
    public async Task A_host_the_name_server_does_not_know_is_not_looked_up_elsewhere()
    {
        var dialer = new TcpSmtpDialer(Resolver);
        // "localhost" would be known to any system resolver; a name the configured server answers NXDOMAIN for is not
        // retried there.
        var error = await Assert.ThrowsAsync<IOException>(async () => await dialer.ConnectAsync("missing.only-here.test", 25, TestContext.Current.CancellationToken));
        Assert.Contains("missing.only-here.test does not exist", error.Message, StringComparison.Ordinal);
        Assert.Equal(SocketError.HostNotFound, Assert.IsType<SocketException>(error.InnerException).SocketErrorCode);
    }

    [Fact]
    public async Task No_address_is_permanent_and_a_dns_failure_temporary()
    {
        var none = await Resolver.ResolveAddressesAsync("noaddress.only-here.test", TestContext.Current.CancellationToken);
        Assert.True(none.Failure!.IsPermanent);
        Assert.Contains("has no A/AAAA record", none.Failure.Detail, StringComparison.Ordinal);

        var broken = await Resolver.ResolveAddressesAsync("broken.only-here.test", TestContext.Current.CancellationToken);
        Assert.False(broken.Failure!.IsPermanent); // RFC 3463 4.4.3: the name service failed, not the host
        var error = await Assert.ThrowsAsync<IOException>(async () => await new TcpSmtpDialer(Resolver).ConnectAsync("broken.only-here.test", 25, TestContext.Current.CancellationToken));
        Assert.Equal(SocketError.TryAgain, Assert.IsType<SocketException>(error.InnerException).SocketErrorCode);
    }

    [Fact]
    public async Task An_ip_literal_and_localhost_are_never_sent_to_dns()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var dialer = new TcpSmtpDialer(Resolver);

        foreach (var host in new[] { "127.0.0.1", "[127.0.0.1]", "localhost" })
        {
            await using var stream = await dialer.ConnectAsync(host, port, TestContext.Current.CancellationToken);
            using var accepted = await listener.AcceptTcpClientAsync(TestContext.Current.CancellationToken);
        }

        Assert.Empty(_dns.Questions);
    }
}
