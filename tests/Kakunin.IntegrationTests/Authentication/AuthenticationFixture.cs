namespace Kakunin.IntegrationTests.Authentication;

/// <summary>NSD serving <see cref="AuthenticationZones"/>, and a real <c>kakunin serve</c> resolving through it (--dns-servers).</summary>
public sealed class AuthenticationFixture : IAsyncLifetime
{
    public AuthenticationZones Zones { get; } = new();

    public NsdServer Dns { get; private set; } = null!;

    public KakuninProcess Server { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Dns = await NsdServer.StartAsync(AuthenticationZones.Zones, Zones.Records);
        Server = await KakuninProcess.StartAsync(extraArgs: ["--dns-servers", Dns.Endpoint]);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Dns.DisposeAsync();
    }
}
