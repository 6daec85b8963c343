using Kakunin.Authentication.Dkim;
using Kakunin.IntegrationTests.Peers;
using Kakunin.Store.Dkim;

namespace Kakunin.IntegrationTests.Authentication;

/// <summary>
/// Kakunin, a Postfix with OpenDKIM as its milter, and NSD serving both domains' keys, all on loopback. Kakunin
/// sends to peer.test through Postfix (smarthost; Kakunin's MX path resolves the MX host with the system resolver,
/// so the test routes by smarthost), Postfix routes example.test back to Kakunin. OpenDKIM looks keys up in NSD only.
/// </summary>
public sealed class DkimPeerFixture : KakuninAndPostfixFixture
{
    public AuthoritativeDns Dns { get; private set; } = null!;

    public override string Logs() => $"{base.Logs()}\n--- nsd ---\n{Dns?.Log}";

    protected override async Task StartAsync()
    {
        Dns = await AuthoritativeDns.StartAsync(
            new DnsZone("example.test").Mx("@", 10, "mx.example.test").A("mx").Txt("@", "v=spf1 mx -all").Txt("mx", "v=spf1 a -all"),
            new DnsZone("peer.test").Mx("@", 10, "mx.peer.test").A("mx"),
            new DnsZone("second.test"));
        await StartPostfixAsync("peer.test", ["--users", "carol dave", .. RouteToKakunin, "--opendkim", Dns.Endpoint]);
        await StartKakuninAsync([.. PostfixAsSmarthost, "--trusted-networks", "127.0.0.0/8", "--dns-servers", Dns.Endpoint]);

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

    protected override async ValueTask StopOthersAsync()
    {
        if (Dns is not null)
        {
            await Dns.DisposeAsync();
        }
    }
}
