using System.Globalization;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace Kakunin.ImapBench;

/// <summary>
/// The least an IMAP client can do, so that the client is never what is measured: implicit TLS, a command written as
/// one line, the responses read up to the tagged one, literals ({n} and {n+}, RFC 9051 §4.3 / RFC 7888) skipped by
/// length without parsing. Counts untagged responses and the bytes received. Certificates are not checked (loopback,
/// self-signed: the servers' own test certificates).
/// </summary>
internal sealed class RawImapConnection : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly SslStream _stream;
    private readonly byte[] _buffer = new byte[256 * 1024];
    private int _start;
    private int _end;
    private int _tag;

    private RawImapConnection(TcpClient client, SslStream stream)
    {
        _client = client;
        _stream = stream;
    }

    public long BytesReceived { get; private set; }

    public static async Task<RawImapConnection> ConnectAsync(int port, CancellationToken cancellationToken = default)
    {
        var client = new TcpClient { NoDelay = true };
        try
        {
            await client.ConnectAsync("127.0.0.1", port, cancellationToken);
            // Both servers run on loopback with self-signed test certificates made for this run; identity is not in question.
#pragma warning disable CA5359
            var stream = new SslStream(client.GetStream(), leaveInnerStreamOpen: false, (_, _, _, _) => true);
#pragma warning restore CA5359
            await stream.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "localhost" }, cancellationToken);
            var connection = new RawImapConnection(client, stream);
            var greeting = await connection.ReadLineAsync(cancellationToken);
            if (!greeting.StartsWith("* OK", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"greeting: {greeting}");
            }

            return connection;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Sends one command and reads to its tagged response; fails unless it is OK.</summary>
    public async Task<ImapReply> CommandAsync(string command, CancellationToken cancellationToken = default)
    {
        var tag = await SendAsync(command, cancellationToken);
        return await ReadReplyAsync(tag, command, cancellationToken);
    }

    /// <summary>Writes one command line and returns its tag (for pipelining and IDLE).</summary>
    public async Task<string> SendAsync(string command, CancellationToken cancellationToken = default)
    {
        var tag = "b" + (++_tag).ToString(CultureInfo.InvariantCulture);
        await _stream.WriteAsync(Encoding.UTF8.GetBytes($"{tag} {command}\r\n"), cancellationToken);
        return tag;
    }

    /// <summary>Writes raw bytes (IDLE's DONE, a literal's contents).</summary>
    public async Task WriteAsync(string text, CancellationToken cancellationToken = default) =>
        await _stream.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);

    /// <summary>Reads responses up to the tagged one; counts untagged responses; keeps the lines of SEARCH/ESEARCH.</summary>
    public async Task<ImapReply> ReadReplyAsync(string tag, string command, CancellationToken cancellationToken = default)
    {
        var untagged = 0;
        var searchHits = 0;
        while (true)
        {
            var line = await ReadLineAsync(cancellationToken);
            if (line.StartsWith("* ", StringComparison.Ordinal))
            {
                untagged++;
                if (line.StartsWith("* SEARCH", StringComparison.Ordinal))
                {
                    searchHits += line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length - 2;
                }
            }
            else if (line.StartsWith(tag + " ", StringComparison.Ordinal))
            {
                if (!line.AsSpan(tag.Length + 1).StartsWith("OK", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"{command} -> {line}");
                }

                return new ImapReply(line, untagged, searchHits);
            }
        }
    }

    /// <summary>Reads one response line; a literal inside it is skipped (replaced by "{n}").</summary>
    public async Task<string> ReadLineAsync(CancellationToken cancellationToken = default)
    {
        var line = new StringBuilder();
        while (true)
        {
            var part = await ReadRawLineAsync(cancellationToken);
            line.Append(part);
            var literal = LiteralLength(part);
            if (literal < 0)
            {
                return line.ToString();
            }

            await SkipAsync(literal, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _client.Dispose();
    }

    // "... {123}" or "{123+}" at the end of a line announces a literal of that many bytes (RFC 9051 §4.3).
    private static long LiteralLength(string line)
    {
        if (!line.EndsWith('}'))
        {
            return -1;
        }

        var open = line.LastIndexOf('{');
        var digits = line.AsSpan(open + 1, line.Length - open - 2).TrimEnd('+');
        return open >= 0 && long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;
    }

    private async Task<string> ReadRawLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (newline >= 0)
            {
                var length = newline - _start;
                var text = Encoding.UTF8.GetString(_buffer, _start, length > 0 && _buffer[newline - 1] == '\r' ? length - 1 : length);
                _start = newline + 1;
                return text;
            }

            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            if (_end == _buffer.Length)
            {
                throw new InvalidOperationException("response line longer than the buffer");
            }

            await FillAsync(cancellationToken);
        }
    }

    private async Task SkipAsync(long count, CancellationToken cancellationToken)
    {
        while (count > 0)
        {
            if (_start == _end)
            {
                _start = _end = 0;
                await FillAsync(cancellationToken);
            }

            var take = (int)Math.Min(count, _end - _start);
            _start += take;
            count -= take;
        }
    }

    private async Task FillAsync(CancellationToken cancellationToken)
    {
        var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
        if (read == 0)
        {
            throw new IOException("the server closed the connection");
        }

        _end += read;
        BytesReceived += read;
    }
}

/// <summary>The tagged line of a reply, how many untagged responses came before it, and the hits of a SEARCH.</summary>
internal sealed record ImapReply(string Tagged, int Untagged, int SearchHits);
