using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Kakunin.IntegrationTests.Postgres;

/// <summary>
/// A webhook receiver on 127.0.0.1 that answers every POST with 204 and keeps its body (the signature is checked by
/// tests/Kakunin.IntegrationTests/Webhooks with the standardwebhooks package; here only that the event arrives).
/// </summary>
internal sealed class HookReceiver : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;

    public HookReceiver()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _run = Task.Run(AcceptAsync);
    }

    public int Port { get; }

    /// <summary>The request bodies received so far.</summary>
    public ConcurrentQueue<string> Bodies { get; } = new();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _run.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException or TimeoutException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                await using var stream = client.GetStream();
                using var reader = new StreamReader(stream, Encoding.UTF8);
                while (true)
                {
                    var length = 0;
                    var request = await reader.ReadLineAsync();
                    if (request is null)
                    {
                        return;
                    }

                    while (await reader.ReadLineAsync() is { Length: > 0 } header)
                    {
                        if (header.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                        {
                            length = int.Parse(header["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
                        }
                    }

                    var body = new char[length];
                    await reader.ReadBlockAsync(body, 0, length); // the events are ASCII JSON: characters = bytes
                    Bodies.Enqueue(new string(body));
                    var reply = Encoding.ASCII.GetBytes("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n");
                    await stream.WriteAsync(reply);
                }
            }
            catch (IOException)
            {
            }
        }
    }
}
