using System.Net;
using System.Net.Sockets;

namespace Kakunin.IntegrationTests.Peers;

/// <summary>
/// A scripted peer on 127.0.0.1: listens on a free port, serves every connection on its own task until disposed
/// (the PostgreSQL tests' webhook receiver and refusing next hop; a new scripted peer starts here).
/// What it says on a connection is the subclass's <see cref="ServeAsync"/>.
/// </summary>
internal abstract class LoopbackPeer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private Task? _run;

    public int Port { get; private set; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await (_run ?? Task.CompletedTask).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException or TimeoutException)
        {
        }

        _stop.Dispose();
    }

    /// <summary>Starts listening (called by the subclass's constructor, once its own fields are set).</summary>
    protected void Start()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _run = Task.Run(AcceptAsync);
    }

    /// <summary>Talks to one client; an <see cref="IOException"/> (the client went away) ends it quietly.</summary>
    protected abstract Task ServeAsync(NetworkStream stream);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = Task.Run(async () =>
            {
                using (client)
                {
                    try
                    {
                        await using var stream = client.GetStream();
                        await ServeAsync(stream);
                    }
                    catch (IOException)
                    {
                    }
                }
            });
        }
    }
}
