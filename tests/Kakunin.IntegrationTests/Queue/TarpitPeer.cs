using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Kakunin.IntegrationTests.Queue;

/// <summary>
/// A receiving SMTP server on a loopback address that takes its time: it answers every command at once but waits
/// <see cref="DelayAfterDot"/> before the 250 to the final dot, as tarpitting and overloaded hosts do (RFC 5321
/// §4.5.3.2.6 lets a client wait 10 minutes for it). It counts sessions at once and messages taken, which is what
/// the scheduler tests look at. Written here rather than with Postfix because Postfix cannot be told to stall.
/// </summary>
internal sealed class TarpitPeer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _sessions;
    private int _maxSessions;
    private int _dots;
    private int _accepted;

    public TarpitPeer(IPAddress address, int port, TimeSpan delayAfterDot)
    {
        DelayAfterDot = delayAfterDot;
        _listener = new TcpListener(address, port);
        _listener.Start(backlog: 512);
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public int Port { get; }

    public TimeSpan DelayAfterDot { get; set; }

    /// <summary>The most sessions that were open at the same time.</summary>
    public int MaxSessions => Volatile.Read(ref _maxSessions);

    /// <summary>Final dots received (messages sent to us, answered or not yet).</summary>
    public int Dots => Volatile.Read(ref _dots);

    /// <summary>Messages answered 250.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        var now = Interlocked.Increment(ref _sessions);
        int max;
        while (now > (max = Volatile.Read(ref _maxSessions)) && Interlocked.CompareExchange(ref _maxSessions, now, max) != max)
        {
        }

        try
        {
            using (client)
            await using (var stream = client.GetStream())
            {
                using var reader = new StreamReader(stream, Encoding.Latin1);
                await using var writer = new StreamWriter(stream, Encoding.Latin1) { NewLine = "\r\n", AutoFlush = true };
                await writer.WriteLineAsync("220 tarpit.test ESMTP");
                while (await reader.ReadLineAsync(_stop.Token) is { } line)
                {
                    var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                    switch (verb)
                    {
                        case "EHLO":
                            await writer.WriteAsync("250-tarpit.test\r\n250 8BITMIME\r\n");
                            break;
                        case "DATA":
                            await writer.WriteLineAsync("354 go ahead");
                            while (await reader.ReadLineAsync(_stop.Token) is { } body && body != ".")
                            {
                            }

                            Interlocked.Increment(ref _dots);
                            await Task.Delay(DelayAfterDot, _stop.Token);
                            Interlocked.Increment(ref _accepted);
                            await writer.WriteLineAsync("250 2.0.0 taken, slowly");
                            break;
                        case "QUIT":
                            await writer.WriteLineAsync("221 2.0.0 bye");
                            return;
                        default:
                            await writer.WriteLineAsync("250 2.0.0 ok");
                            break;
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }
        finally
        {
            Interlocked.Decrement(ref _sessions);
        }
    }
}
