using System.Net.Sockets;
using System.Text;

namespace Kakunin.IntegrationTests;

/// <summary>A raw TCP client for bytes no well-behaved client would send (bare LF, smuggling, floods).</summary>
internal sealed class RawSmtpConnection : IAsyncDisposable
{
    private readonly TcpClient _client;
    private NetworkStream _stream = null!;
    private readonly StringBuilder _received = new();

    private RawSmtpConnection(TcpClient client) => _client = client;

    /// <summary>
    /// Connects; reads the greeting unless the test wants to read it itself. <paramref name="source"/> is the local
    /// loopback address to connect from (e.g. 127.0.0.2, to be another client address); default 127.0.0.1.
    /// </summary>
    public static async Task<RawSmtpConnection> OpenAsync(int port, bool expectGreeting = true, string? source = null)
    {
        var connection = new RawSmtpConnection(source is null ? new TcpClient() : new TcpClient(new System.Net.IPEndPoint(System.Net.IPAddress.Parse(source), 0)));
        await connection._client.ConnectAsync("127.0.0.1", port);
        connection._stream = connection._client.GetStream();
        if (expectGreeting)
        {
            await connection.ReadReplyAsync();
        }

        return connection;
    }

    public async Task SendAsync(string text) => await _stream.WriteAsync(Encoding.Latin1.GetBytes(text));

    /// <summary>Sends raw bytes.</summary>
    public async Task SendAsync(ReadOnlyMemory<byte> bytes) => await _stream.WriteAsync(bytes);

    /// <summary>Reads one complete (possibly multi-line) reply and returns it.</summary>
    public async Task<string> ReadReplyAsync()
    {
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var text = _received.ToString();
            var end = CompleteReplyEnd(text);
            if (end > 0)
            {
                _received.Remove(0, end);
                return text[..end];
            }

            var read = await _stream.ReadAsync(buffer, timeout.Token);
            if (read == 0)
            {
                return text;
            }

            _received.Append(Encoding.Latin1.GetString(buffer, 0, read));
        }
    }

    /// <summary>Sends a command and returns the reply.</summary>
    public async Task<string> CommandAsync(string line)
    {
        await SendAsync(line + "\r\n");
        return await ReadReplyAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _client.Dispose();
    }

    // A reply ends with a line "ddd " (RFC 5321 §4.2.1: the last line has a space after the code).
    private static int CompleteReplyEnd(string text)
    {
        var start = 0;
        while (true)
        {
            var newline = text.IndexOf("\r\n", start, StringComparison.Ordinal);
            if (newline < 0)
            {
                return -1;
            }

            if (newline - start >= 4 && text[start + 3] == ' ')
            {
                return newline + 2;
            }

            start = newline + 2;
        }
    }
}
