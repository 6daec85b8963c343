using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Kakunin.Imap.Tests.Dovecot;

/// <summary>A raw IMAP connection that keeps the server's bytes exactly (literals included) for comparison.</summary>
public sealed class RawImapClient : IAsyncDisposable
{
    private readonly TcpClient client;
    private readonly Stream stream;
    private readonly List<byte> buffer = [];
    private int tag;

    private RawImapClient(TcpClient client)
    {
        this.client = client;
        stream = client.GetStream();
    }

    public static async Task<RawImapClient> ConnectAsync(int port)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        var raw = new RawImapClient(tcp);
        while (true)
        {
            var greeting = Encoding.Latin1.GetString(await raw.ReadLineAsync());
            if (greeting.StartsWith("* OK [CAPABILITY", StringComparison.Ordinal))
            {
                return raw;
            }
        }
    }

    /// <summary>Sends a command (LITERAL+ for the given literal) and returns the whole response, tagged line included.</summary>
    public Task<byte[]> CommandAsync(string command, byte[]? literal = null) => ExchangeAsync(command, literal, requireOk: true);

    /// <summary>As <see cref="CommandAsync"/>, but a NO or BAD is returned like an OK when <paramref name="requireOk"/> is false.</summary>
    public async Task<byte[]> ExchangeAsync(string command, byte[]? literal, bool requireOk)
    {
        var t = "t" + (++tag).ToString(CultureInfo.InvariantCulture);
        var bytes = new List<byte>(Encoding.Latin1.GetBytes(t + " " + command));
        if (literal is not null)
        {
            bytes.AddRange(Encoding.ASCII.GetBytes($" {{{literal.Length}+}}\r\n"));
            bytes.AddRange(literal);
        }

        bytes.AddRange("\r\n"u8.ToArray());
        await stream.WriteAsync(bytes.ToArray());
        var response = new List<byte>();
        while (true)
        {
            var line = await ReadLineAsync();
            response.AddRange(line);
            var text = Encoding.Latin1.GetString(line);
            var open = text.LastIndexOf('{');
            if (text.EndsWith("}\r\n", StringComparison.Ordinal) && open >= 0)
            {
                var size = int.Parse(text[(open + 1)..^3].TrimEnd('+'), CultureInfo.InvariantCulture);
                response.AddRange(await ReadExactAsync(size));
                continue;
            }

            if (text.StartsWith(t + " ", StringComparison.Ordinal))
            {
                if (requireOk && !text.StartsWith(t + " OK", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"Dovecot refused {command}: {text}");
                }

                return [.. response];
            }
        }
    }

    /// <summary>FETCH of one item of one message; returns the item's value exactly as sent (after its name).</summary>
    public async Task<byte[]> FetchItemAsync(int sequence, string item)
    {
        var response = await CommandAsync($"FETCH {sequence} ({item})");
        var prefix = Encoding.ASCII.GetBytes($"* {sequence} FETCH (");
        var start = response.AsSpan().IndexOf(prefix);
        if (start < 0)
        {
            throw new InvalidOperationException("No FETCH response: " + Encoding.Latin1.GetString(response));
        }

        start += prefix.Length;

        // The item name ends at the first space after its closing "]" (sections) or after the name itself.
        var name = response.AsSpan(start);
        var bracket = name.IndexOf((byte)'[');
        var space = name.IndexOf((byte)' ');
        if (bracket >= 0 && bracket < space)
        {
            space = bracket + name[bracket..].IndexOf("] "u8) + 1;
        }

        var valueStart = start + space + 1;
        var tagged = response.AsSpan().LastIndexOf("\r\nt"u8);
        var end = tagged - 1; // the ")" that closes the FETCH list
        return response[valueStart..end];
    }

    /// <summary>The string an item's value stands for: literal or quoted contents; null for NIL.</summary>
    public static byte[]? StringValue(byte[] value)
    {
        var text = Encoding.Latin1.GetString(value);
        if (text == "NIL")
        {
            return null;
        }

        if (text.StartsWith('"'))
        {
            var inner = new List<byte>();
            for (var i = 1; i < value.Length - 1; i++)
            {
                if (value[i] == '\\')
                {
                    i++;
                }

                inner.Add(value[i]);
            }

            return [.. inner];
        }

        var newline = Array.IndexOf(value, (byte)'\n');
        return value[(newline + 1)..];
    }

    public async ValueTask DisposeAsync()
    {
        await stream.DisposeAsync();
        client.Dispose();
    }

    private async Task<byte[]> ReadLineAsync()
    {
        while (true)
        {
            var lf = buffer.IndexOf((byte)'\n');
            if (lf >= 0)
            {
                var line = buffer.GetRange(0, lf + 1).ToArray();
                buffer.RemoveRange(0, lf + 1);
                return line;
            }

            await FillAsync();
        }
    }

    private async Task<byte[]> ReadExactAsync(int count)
    {
        while (buffer.Count < count)
        {
            await FillAsync();
        }

        var bytes = buffer.GetRange(0, count).ToArray();
        buffer.RemoveRange(0, count);
        return bytes;
    }

    private async Task FillAsync()
    {
        var chunk = new byte[65536];
        var n = await stream.ReadAsync(chunk).AsTask().WaitAsync(TimeSpan.FromSeconds(20));
        if (n == 0)
        {
            throw new IOException("Dovecot closed the connection.");
        }

        buffer.AddRange(chunk.AsSpan(0, n));
    }
}
