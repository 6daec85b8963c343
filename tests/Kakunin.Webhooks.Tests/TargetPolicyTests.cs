using System.Net;
using Kakunin.Webhooks.Targets;

namespace Kakunin.Webhooks.Tests;

/// <summary>Which addresses a webhook is refused by default (SSRF), each from its registry (RFC 6890 and the RFCs it names).</summary>
public sealed class TargetPolicyTests
{
    [Theory]
    [InlineData("127.0.0.1")] // loopback
    [InlineData("127.8.9.10")]
    [InlineData("::1")]
    [InlineData("0.0.0.0")] // unspecified / this network
    [InlineData("::")]
    [InlineData("10.1.2.3")] // RFC 1918
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("100.64.0.1")] // RFC 6598 shared address space
    [InlineData("169.254.169.254")] // link-local, the cloud metadata address
    [InlineData("fe80::1")]
    [InlineData("fc00::1")] // RFC 4193 unique local
    [InlineData("fd12:3456::1")]
    [InlineData("fec0::1")] // deprecated site-local
    [InlineData("224.0.0.1")] // multicast
    [InlineData("ff02::1")]
    [InlineData("255.255.255.255")]
    [InlineData("::ffff:127.0.0.1")] // IPv4-mapped loopback
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::127.0.0.1")] // IPv4-compatible (deprecated)
    [InlineData("64:ff9b::a9fe:a9fe")] // NAT64 of 169.254.169.254 (RFC 6052)
    public void Private_and_reserved_addresses_are_refused(string address) => Assert.True(TargetAddressPolicy.IsRefused(IPAddress.Parse(address)));

    [Theory]
    [InlineData("93.184.215.14")]
    [InlineData("172.32.0.1")] // just past 172.16/12
    [InlineData("2606:2800:21f:cb07:6820:80da:af6b:8b2c")]
    [InlineData("::ffff:93.184.215.14")]
    [InlineData("64:ff9b::5db8:d70e")]
    public void Public_addresses_are_allowed(string address) => Assert.False(TargetAddressPolicy.IsRefused(IPAddress.Parse(address)));

    [Fact]
    public async Task Connecting_to_loopback_is_refused_by_default_and_allowed_by_the_option()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        await Assert.ThrowsAsync<RefusedTargetException>(async () =>
            await GuardedConnector.ConnectAsync(new DnsEndPoint("localhost", port), allowPrivateTargets: false, TestContext.Current.CancellationToken));
        await using var stream = await GuardedConnector.ConnectAsync(new DnsEndPoint("127.0.0.1", port), allowPrivateTargets: true, TestContext.Current.CancellationToken);
        Assert.True(stream.CanWrite);
    }

    [Theory]
    [InlineData("ftp://example.com/hook")]
    [InlineData("/relative")]
    [InlineData("https://user:pw@example.com/hook")]
    [InlineData("")]
    public void Urls_that_are_not_plain_http_or_https_are_refused(string url) => Assert.False(WebhookUrl.TryParse(url, out _, out _));
}
