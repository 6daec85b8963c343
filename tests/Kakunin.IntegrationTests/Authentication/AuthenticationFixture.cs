using Kakunin.IntegrationTests.Peers;

namespace Kakunin.IntegrationTests.Authentication;

/// <summary>NSD serving <see cref="AuthenticationZones"/>, and a real <c>kakunin serve</c> resolving through it (--dns-servers).</summary>
public sealed class AuthenticationFixture : IAsyncLifetime
{
    public AuthenticationZones Zones { get; } = new();

    public AuthoritativeDns Dns { get; private set; } = null!;

    public KakuninProcess Server { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Dns = await AuthoritativeDns.StartAsync(Zones.Zones());
        try
        {
            Server = await KakuninProcess.StartAsync(extraArgs: ["--dns-servers", Dns.Endpoint]);
        }
        catch
        {
            await Dns.DisposeAsync(); // xUnit does not dispose a fixture whose start failed
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Dns.DisposeAsync();
    }
}
