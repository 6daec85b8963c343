using System.Net;
using Kakunin.IntegrationTests;
using Kakunin.IntegrationTests.Hardening;

namespace Kakunin.WebTests.Hardening;

/// <summary>
/// /metrics answers loopback and the trusted networks by default, and only the configured networks when
/// --metrics-networks is given; anyone else gets 404 (issue 8, item 6). Every loopback address counts as loopback,
/// so "not allowed" is shown with --metrics-networks 127.0.0.1/32 and a client on 127.0.0.2.
/// </summary>
public sealed class MetricsAccessTests
{
    [Fact]
    public async Task Only_the_configured_networks_read_metrics_and_others_get_404()
    {
        await using var server = await KakuninProcess.StartAsync(extraArgs: ["--metrics-networks", "127.0.0.1/32"]);
        Assert.Equal(HttpStatusCode.OK, await MetricsStatusAsync(server, IPAddress.Parse("127.0.0.1")));
        Assert.Equal(HttpStatusCode.NotFound, await MetricsStatusAsync(server, IPAddress.Parse("127.0.0.2")));

        // The rest of the web host still answers that client.
        using var client = new WebSignIn(server.HttpPort, IPAddress.Parse("127.0.0.2"));
        using var health = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task By_default_loopback_reads_metrics()
    {
        await using var server = await KakuninProcess.StartAsync();
        Assert.Equal(HttpStatusCode.OK, await MetricsStatusAsync(server, IPAddress.Parse("127.0.0.1")));
        Assert.Equal(HttpStatusCode.OK, await MetricsStatusAsync(server, IPAddress.Parse("127.0.0.2")));
    }

    private static async Task<HttpStatusCode> MetricsStatusAsync(KakuninProcess server, IPAddress from)
    {
        using var client = new WebSignIn(server.HttpPort, from);
        using var response = await client.GetAsync("/metrics");
        return response.StatusCode;
    }
}
