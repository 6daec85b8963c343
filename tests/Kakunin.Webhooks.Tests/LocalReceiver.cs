using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Kakunin.Webhooks.Tests;

/// <summary>
/// A webhook receiver on 127.0.0.1 for the dispatcher's tests (HttpListener: in the framework, enough for plain HTTP on
/// loopback). Answers 204 to every POST and keeps each one's webhook-id and arrival time.
/// </summary>
internal sealed class LocalReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private readonly TimeSpan _delay;

    /// <param name="delay">How long each answer waits (a slow receiver).</param>
    public LocalReceiver(TimeSpan delay = default)
    {
        _delay = delay;
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public Uri Url => new($"http://127.0.0.1:{Port}/hook");

    /// <summary>webhook-id and arrival time of every request, in arrival order.</summary>
    public ConcurrentQueue<(string Id, DateTimeOffset At)> Received { get; } = new();

    public async Task WaitForAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (Received.Count < count && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using (var sink = new MemoryStream())
            {
                await context.Request.InputStream.CopyToAsync(sink);
            }

            Received.Enqueue((context.Request.Headers["webhook-id"] ?? "", DateTimeOffset.UtcNow));
            _ = AnswerAsync(context);
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        if (_delay > TimeSpan.Zero)
        {
            await Task.Delay(_delay);
        }

        try
        {
            context.Response.StatusCode = 204;
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
        {
            // the client gave up
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
