using Kakunin.Authentication.Dkim;
using Kakunin.IntegrationTests.Peers;
using Kakunin.Store.Dkim;

namespace Kakunin.IntegrationTests.Authentication;

/// <summary>
/// Kakunin, a Postfix with OpenDKIM as its milter, and NSD serving both domains' keys, all on loopback. Kakunin
/// sends to peer.test through Postfix (smarthost; Kakunin's MX path resolves the MX host with the system resolver,
/// so the test routes by smarthost), Postfix routes example.test back to Kakunin. OpenDKIM looks keys up in NSD only.
/// </summary>
public sealed class DkimPeerFixture : IAsyncLifetime
{
    public AuthoritativeDns Dns { get; private set; } = null!;

    public KakuninProcess Kakunin { get; private set; } = null!;

    public PostfixPeer Postfix { get; private set; } = null!;

    public string Logs() => $"--- postfix log ---\n{Postfix.Log}\n--- kakunin log ---\n{Kakunin.Log}\n--- nsd ---\n{Dns.Log}";

    public async ValueTask InitializeAsync()
    {
        try
        {
            await StartAsync();
        }
        catch
        {
            await DisposeAsync(); // xUnit does not dispose a fixture whose start failed: leave no Postfix, OpenDKIM or NSD behind
            throw;
        }
    }

    private async Task StartAsync()
    {
        Dns = await AuthoritativeDns.StartAsync(
            new DnsZone("example.test").Mx("@", 10, "mx.example.test").A("mx").Txt("@", "v=spf1 mx -all").Txt("mx", "v=spf1 a -all"),
            new DnsZone("peer.test").Mx("@", 10, "mx.peer.test").A("mx"),
            new DnsZone("second.test"));
        int[] ports = [KakuninProcess.FreePort(), KakuninProcess.FreePort(), KakuninProcess.FreePort(), KakuninProcess.FreePort()];
        var postfixPort = KakuninProcess.FreePort();
        Postfix = await PostfixPeer.StartAsync(postfixPort, "peer.test", "--users", "carol dave", "--route", $"example.test=127.0.0.1:{ports[0]}", "--opendkim", Dns.Endpoint);
        Kakunin = await KakuninProcess.StartAsync(ports: ports, extraArgs:
        [
            "--smarthost", $"127.0.0.1:{postfixPort}", "--trusted-networks", "127.0.0.0/8", "--dns-servers", Dns.Endpoint,
        ]);

        Dns.Zone("peer.test").Txt("peer._domainkey", Postfix.DkimRecord());
        await PublishKakuninKeysAsync();
    }

    /// <summary>Publishes every DKIM key Kakunin holds for example.test (active, next and retired alike) and reloads NSD.</summary>
    public async Task PublishKakuninKeysAsync()
    {
        var zone = Dns.Zone("example.test");
        foreach (var key in await KeysAsync("example.test"))
        {
            zone.SetTxt($"{key.Selector}._domainkey", DkimKeyMaterial.Record(key.Algorithm, key.PrivateKeyPem));
        }

        await Dns.ReloadAsync();
    }

    public async Task<IReadOnlyList<DkimKeyRecord>> KeysAsync(string domain)
    {
        await using var store = await Kakunin.OpenStoreAsync();
        return await store.DkimKeys.ListAsync(domain, CancellationToken.None);
    }

    /// <summary>Runs the real <c>kakunin</c> command against the server's data folder.</summary>
    public Task<(int ExitCode, string Output)> CliAsync(params string[] args) =>
        ExternalClient.RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "kakunin.dll"), .. args, "--data", Kakunin.DataDirectory]);

    public async ValueTask DisposeAsync()
    {
        if (Kakunin is not null)
        {
            await Kakunin.DisposeAsync();
        }

        if (Postfix is not null)
        {
            await Postfix.DisposeAsync();
        }

        if (Dns is not null)
        {
            await Dns.DisposeAsync();
        }
    }
}
