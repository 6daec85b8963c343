using System.Globalization;
using Kakunin.Authentication.Dkim;
using Kakunin.IntegrationTests.Peers;
using Kakunin.Store.Dkim;

namespace Kakunin.IntegrationTests.Authentication;

/// <summary>
/// Kakunin, a Postfix with OpenDKIM as its milter, and NSD serving both domains' records, all on loopback, with no
/// trust between them: each checks the other as it would a server on the internet. Kakunin finds Postfix as a server on
/// the internet finds an MX: peer.test's MX is mx.peer.test, whose address (127.0.0.1) only NSD knows, and the port is
/// --remote-smtp-port. Postfix routes example.test back to Kakunin. OpenDKIM and Kakunin look everything up in NSD only.
/// <list type="bullet">
/// <item>peer.test's SPF lists loopback, so mail Carol sends through Postfix passes SPF at Kakunin and she may get
/// success DSNs (docs/queue.md, Backscatter). Its MX host mx.peer.test publishes no SPF: the DSNs Postfix sends from
/// &lt;&gt; (SPF checks the HELO name then, RFC 7208 §2.3) get spf=none, so only OpenDKIM's signature can vouch for them.</item>
/// <item>Postfix accepts unknown peer.test recipients and bounces them afterwards
/// (<c>smtpd_reject_unlisted_recipient = no</c>): the bounce is a DSN Postfix writes, which OpenDKIM signs.</item>
/// </list>
/// </summary>
public sealed class DkimPeerFixture : KakuninAndPostfixFixture
{
    public AuthoritativeDns Dns { get; private set; } = null!;

    public override string Logs() => $"{base.Logs()}\n--- nsd ---\n{Dns?.Log}";

    protected override async Task StartAsync()
    {
        Dns = await AuthoritativeDns.StartAsync(
            new DnsZone("example.test").Mx("@", 10, "mx.example.test").A("mx").Txt("@", "v=spf1 mx -all").Txt("mx", "v=spf1 a -all"),
            new DnsZone("peer.test").Mx("@", 10, "mx.peer.test").A("mx").Txt("@", "v=spf1 ip4:127.0.0.0/8 -all"),
            new DnsZone("second.test"));
        await StartPostfixAsync("peer.test",
            ["--users", "carol dave", .. RouteToKakunin, "--opendkim", Dns.Endpoint, "--set", "smtpd_reject_unlisted_recipient = no"]);
        await StartKakuninAsync(["--remote-smtp-port", PostfixPort.ToString(CultureInfo.InvariantCulture), "--dns-servers", Dns.Endpoint]);

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
