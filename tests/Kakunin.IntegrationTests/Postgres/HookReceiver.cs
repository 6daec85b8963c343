using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using Kakunin.IntegrationTests.Peers;

namespace Kakunin.IntegrationTests.Postgres;

/// <summary>
/// A webhook receiver on 127.0.0.1 that answers every POST with 204 and keeps its body (the signature is checked by
/// tests/Kakunin.IntegrationTests/Webhooks with the standardwebhooks package; here only that the event arrives).
/// </summary>
internal sealed class HookReceiver : LoopbackPeer
{
    public HookReceiver() => Start();

    /// <summary>The request bodies received so far.</summary>
    public ConcurrentQueue<string> Bodies { get; } = new();

    protected override async Task ServeAsync(NetworkStream stream)
    {
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
}
