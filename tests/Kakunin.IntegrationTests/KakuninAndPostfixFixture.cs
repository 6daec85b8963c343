namespace Kakunin.IntegrationTests;

/// <summary>
/// What every Postfix-peer fixture shares: a real <c>kakunin serve</c> and a private Postfix (<see cref="PostfixPeer"/>)
/// on loopback, whose ports are chosen before either starts so each can be told how to reach the other. A failed
/// start stops what it started (xUnit does not dispose a fixture whose start threw): no Postfix, OpenDKIM or NSD is
/// left behind.
/// </summary>
public abstract class KakuninAndPostfixFixture : IAsyncLifetime
{
    public KakuninProcess Kakunin { get; private set; } = null!;

    public PostfixPeer Postfix { get; private set; } = null!;

    /// <summary>Kakunin's SMTP, submission, submission-TLS and HTTP ports.</summary>
    protected int[] KakuninPorts { get; } = [KakuninProcess.FreePort(), KakuninProcess.FreePort(), KakuninProcess.FreePort(), KakuninProcess.FreePort()];

    protected int PostfixPort { get; } = KakuninProcess.FreePort();

    /// <summary>postfix-peer options that send Postfix's mail for Kakunin's demo domain to Kakunin's port 25 listener.</summary>
    protected string[] RouteToKakunin => ["--route", $"example.test=127.0.0.1:{KakuninPorts[0]}"];

    /// <summary>Kakunin options that send all its remote mail to Postfix.</summary>
    protected string[] PostfixAsSmarthost => ["--smarthost", $"127.0.0.1:{PostfixPort}"];

    /// <summary>Both logs, for failure messages.</summary>
    public virtual string Logs() => $"--- postfix log ---\n{Postfix?.Log}\n--- kakunin log ---\n{Kakunin?.Log}";

    public async ValueTask InitializeAsync()
    {
        try
        {
            await StartAsync();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

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

        await StopOthersAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Starts the peers, calling <see cref="StartPostfixAsync"/> and <see cref="StartKakuninAsync"/>.</summary>
    protected abstract Task StartAsync();

    /// <summary>Stops what a subclass started besides the two servers (after both are stopped).</summary>
    protected virtual ValueTask StopOthersAsync() => ValueTask.CompletedTask;

    protected async Task StartPostfixAsync(string domain, params string[] options) =>
        Postfix = await PostfixPeer.StartAsync(PostfixPort, domain, options);

    protected async Task StartKakuninAsync(IReadOnlyList<string> extraArgs, IReadOnlyDictionary<string, string>? environment = null) =>
        Kakunin = await KakuninProcess.StartAsync(ports: KakuninPorts, extraArgs: extraArgs, environment: environment);
}
