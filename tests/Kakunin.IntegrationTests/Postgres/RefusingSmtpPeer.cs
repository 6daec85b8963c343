using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Kakunin.IntegrationTests.Postgres;

/// <summary>
/// A scripted next hop on 127.0.0.1 that refuses every recipient with 550 5.1.1 (RFC 5321 §4.2.2, RFC 3463 X.1.1), so
/// the sender gets a failure DSN. It answers any number of connections until disposed, and counts the RCPTs it refused.
/// </summary>
internal sealed class RefusingSmtpPeer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;
    private int _refused;

    public RefusingSmtpPeer()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _run = Task.Run(AcceptAsync);
    }

    public int Port { get; }

    public int Refused => Volatile.Read(ref _refused);

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
                using var reader = new StreamReader(stream, Encoding.Latin1);
                await using var writer = new StreamWriter(stream, Encoding.Latin1) { NewLine = "\r\n", AutoFlush = true };
                await writer.WriteLineAsync("220 refuser.test ESMTP");
                while (await reader.ReadLineAsync() is { } line)
                {
                    switch (line.Split(' ')[0].ToUpperInvariant())
                    {
                        case "EHLO":
                            await writer.WriteLineAsync("250-refuser.test\r\n250-ENHANCEDSTATUSCODES\r\n250 8BITMIME");
                            break;
                        case "RCPT":
                            Interlocked.Increment(ref _refused);
                            await writer.WriteLineAsync("550 5.1.1 no such mailbox here");
                            break;
                        case "QUIT":
                            await writer.WriteLineAsync("221 2.0.0 bye");
                            return;
                        case "DATA":
                            await writer.WriteLineAsync("554 5.5.1 no valid recipients");
                            break;
                        default:
                            await writer.WriteLineAsync("250 2.0.0 ok");
                            break;
                    }
                }
            }
            catch (IOException)
            {
            }
        }
    }
}
