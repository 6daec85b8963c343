using System.Net;
using System.Net.Sockets;

namespace Kakunin.Smtp.Tests.Client;

/// <summary>
/// A tiny SMTP server on 127.0.0.1 that plays a script per connection. <see cref="Completion"/>
/// fails with the script's assertion failure, so a test awaits it after the client is done.
/// </summary>
internal sealed class ScriptedSmtpPeer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();

    /// <param name="scripts">One script per expected connection, in order.</param>
    public ScriptedSmtpPeer(params Func<PeerConnection, Task>[] scripts)
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        Completion = RunAsync(scripts);
    }

    public int Port { get; }

    /// <summary>Completes when every script has run; faults with the first script failure.</summary>
    public Task Completion { get; }

    public List<PeerConnection> Connections { get; } = [];

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _stop.Dispose();
    }

    private async Task RunAsync(Func<PeerConnection, Task>[] scripts)
    {
        foreach (var script in scripts)
        {
            using var client = await _listener.AcceptTcpClientAsync(_stop.Token).AsTask().WaitAsync(TimeSpan.FromSeconds(20));
            await using var stream = client.GetStream();
            var connection = new PeerConnection(stream);
            Connections.Add(connection);
            await script(connection).WaitAsync(TimeSpan.FromSeconds(20));
        }
    }
}
