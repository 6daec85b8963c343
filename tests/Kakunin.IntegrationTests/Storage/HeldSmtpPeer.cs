using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Kakunin.IntegrationTests.Storage;

/// <summary>
/// A next hop on 127.0.0.1 that takes one message and holds its final reply until <see cref="Release"/>: the queue has
/// work in flight, whose result must still commit after the disk has filled. It offers no DSN, so a message that asked
/// for SUCCESS gets a "relayed" DSN from Kakunin (RFC 3461 §6.2.6).
/// </summary>
internal sealed class HeldSmtpPeer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly TaskCompletionSource _received = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _run;

    public HeldSmtpPeer()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _run = Task.Run(RunAsync);
    }

    public int Port { get; }

    /// <summary>Completes once the whole message (up to the final dot) has arrived.</summary>
    public Task Received => _received.Task;

    public void Release() => _release.TrySetResult();

    public async ValueTask DisposeAsync()
    {
        Release();
        _listener.Stop();
        try
        {
            await _run.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is SocketException or IOException or TimeoutException or ObjectDisposedException or OperationCanceledException)
        {
        }
    }

    private async Task RunAsync()
    {
        using var client = await _listener.AcceptTcpClientAsync();
        await using var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.Latin1);
        await using var writer = new StreamWriter(stream, Encoding.Latin1) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 peer.test ESMTP held");
        while (await reader.ReadLineAsync() is { } line)
        {
            var verb = line.Split(' ')[0].ToUpperInvariant();
            switch (verb)
            {
                case "EHLO":
                    await writer.WriteLineAsync("250-peer.test\r\n250 8BITMIME");
                    break;
                case "DATA":
                    await writer.WriteLineAsync("354 go ahead");
                    while (await reader.ReadLineAsync() is { } data && data != ".")
                    {
                    }

                    _received.TrySetResult();
                    await _release.Task;
                    await writer.WriteLineAsync("250 2.0.0 taken at last");
                    break;
                case "QUIT":
                    await writer.WriteLineAsync("221 bye");
                    return;
                default:
                    await writer.WriteLineAsync("250 2.0.0 ok");
                    break;
            }
        }
    }
}
