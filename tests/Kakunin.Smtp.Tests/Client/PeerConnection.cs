using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Kakunin.Smtp.Tests.Client;

/// <summary>The server side of one connection to a <see cref="ScriptedSmtpPeer"/>: a test script sends replies and checks the client's exact bytes.</summary>
internal sealed class PeerConnection(Stream stream)
{
    private readonly List<byte> _buffer = [];
    private Stream _stream = stream;

    /// <summary>Every command line the client sent, without CRLF.</summary>
    public List<string> Lines { get; } = [];

    /// <summary>Sends reply lines, each ended by CRLF, in one write.</summary>
    public async Task ReplyAsync(params string[] lines)
    {
        var bytes = Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\r\n")));
        await _stream.WriteAsync(bytes);
        await _stream.FlushAsync();
    }

    public async Task<string> ReadLineAsync()
    {
        while (true)
        {
            var lf = _buffer.IndexOf((byte)'\n');
            if (lf >= 0)
            {
                Assert.True(lf > 0 && _buffer[lf - 1] == (byte)'\r', "command lines end with CRLF");
                var line = Encoding.UTF8.GetString([.. _buffer.Take(lf - 1)]);
                _buffer.RemoveRange(0, lf + 1);
                Lines.Add(line);
                return line;
            }
            await FillAsync();
        }
    }

    /// <summary>Reads one line and checks it byte for byte.</summary>
    public async Task ExpectAsync(string expected) => Assert.Equal(expected, await ReadLineAsync());

    /// <summary>Reads the DATA content up to and including CRLF "." CRLF, exactly as sent (still dot-stuffed).</summary>
    public async Task<string> ReadDataAsync()
    {
        var end = "\r\n.\r\n"u8.ToArray();
        while (true)
        {
            var text = _buffer.ToArray();
            var at = text.AsSpan().IndexOf(end);
            if (text.AsSpan().StartsWith(".\r\n"u8))
            {
                _buffer.RemoveRange(0, 3);
                return ".\r\n";
            }
            if (at >= 0)
            {
                _buffer.RemoveRange(0, at + end.Length);
                return Encoding.UTF8.GetString(text, 0, at + end.Length);
            }
            await FillAsync();
        }
    }

    /// <summary>Reads everything until the client closes the connection.</summary>
    public async Task<string> ReadToEndAsync()
    {
        try
        {
            while (true)
            {
                await FillAsync();
            }
        }
        catch (Exception ex) when (ex is EndOfStreamException or IOException)
        {
            return Encoding.UTF8.GetString([.. _buffer]);
        }
    }

    /// <summary>Reads at most <paramref name="count"/> bytes of content, then returns (to drop the connection mid-DATA).</summary>
    public async Task ReadSomeAsync(int count)
    {
        while (_buffer.Count < count)
        {
            await FillAsync();
        }
    }

    /// <summary>The server side of the TLS handshake after "220 Ready to start TLS" (RFC 3207).</summary>
    public async Task StartTlsAsync(X509Certificate2 certificate)
    {
        Assert.Empty(_buffer);
        var ssl = new SslStream(_stream, leaveInnerStreamOpen: false);
        await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificate });
        _stream = ssl;
    }

    /// <summary>The usual opening: 220, EHLO client.example, 250 with <paramref name="extensions"/>.</summary>
    public async Task GreetAsync(string host, params string[] extensions)
    {
        await ReplyAsync($"220 {host} ESMTP test");
        await ExpectAsync("EHLO client.example");
        await EhloReplyAsync(host, extensions);
    }

    public Task EhloReplyAsync(string host, params string[] extensions)
    {
        string[] lines = [host, .. extensions];
        return ReplyAsync([.. lines.Select((l, i) => (i == lines.Length - 1 ? "250 " : "250-") + l)]);
    }

    /// <summary>DATA → 354, reads the content, replies <paramref name="finalReply"/>, then QUIT → 221. Returns the content as sent.</summary>
    public async Task<string> AcceptDataAsync(string finalReply = "250 2.0.0 queued as T1")
    {
        await ExpectAsync("DATA");
        await ReplyAsync("354 go ahead");
        var data = await ReadDataAsync();
        await ReplyAsync(finalReply);
        await ExpectQuitAsync();
        return data;
    }

    public async Task ExpectQuitAsync()
    {
        await ExpectAsync("QUIT");
        await ReplyAsync("221 2.0.0 bye");
    }

    private async Task FillAsync()
    {
        var chunk = new byte[8192];
        var read = await _stream.ReadAsync(chunk);
        if (read == 0)
        {
            throw new EndOfStreamException("The client closed the connection.");
        }
        _buffer.AddRange(chunk.AsSpan(0, read));
    }
}
