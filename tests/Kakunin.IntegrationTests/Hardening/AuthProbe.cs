using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace Kakunin.IntegrationTests.Hardening;

/// <summary>
/// One SMTP AUTH PLAIN attempt on a fresh connection from a chosen loopback source address, as a guesser
/// would make it: implicit TLS on the submission-TLS port, STARTTLS on the others. Returns the reply to AUTH.
/// </summary>
internal static class AuthProbe
{
    public static async Task<string> AuthPlainAsync(int port, bool implicitTls, string user, string password, IPAddress from)
    {
        using var client = new TcpClient(new IPEndPoint(from, 0));
        await client.ConnectAsync(IPAddress.Loopback, port);
        Stream stream = client.GetStream();
        if (implicitTls)
        {
            stream = await TlsAsync(stream);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var reader = new ReplyReader(stream);
        Expect("220", await reader.ReadAsync(timeout.Token));
        await WriteAsync(stream, "EHLO guesser.example", timeout.Token);
        Expect("250", await reader.ReadAsync(timeout.Token));
        if (!implicitTls)
        {
            await WriteAsync(stream, "STARTTLS", timeout.Token);
            Expect("220", await reader.ReadAsync(timeout.Token));
            stream = await TlsAsync(stream);
            reader = new ReplyReader(stream);
            await WriteAsync(stream, "EHLO guesser.example", timeout.Token);
            Expect("250", await reader.ReadAsync(timeout.Token));
        }

        var initial = Convert.ToBase64String(Encoding.UTF8.GetBytes($"\0{user}\0{password}"));
        await WriteAsync(stream, $"AUTH PLAIN {initial}", timeout.Token);
        var reply = await reader.ReadAsync(timeout.Token);
        await WriteAsync(stream, "QUIT", timeout.Token);
        return reply;
    }

    private static void Expect(string code, string reply)
    {
        if (!reply.StartsWith(code, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"expected {code}, got {reply}");
        }
    }

    private static async Task<Stream> TlsAsync(Stream inner)
    {
        var tls = new SslStream(inner, leaveInnerStreamOpen: false, (_, _, _, _) => true); // the server's own self-signed certificate
        await tls.AuthenticateAsClientAsync("mx.example.test");
        return tls;
    }

    private static async Task WriteAsync(Stream stream, string line, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes(line + "\r\n"), cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }

    /// <summary>Reads whole replies (the last line has a space after the code).</summary>
    private sealed class ReplyReader(Stream stream)
    {
        private readonly StringBuilder _buffer = new();

        public async Task<string> ReadAsync(CancellationToken cancellationToken)
        {
            var bytes = new byte[4096];
            while (true)
            {
                var text = _buffer.ToString();
                var start = 0;
                for (var end = text.IndexOf("\r\n", StringComparison.Ordinal); end >= 0; end = text.IndexOf("\r\n", start, StringComparison.Ordinal))
                {
                    var line = text[start..end];
                    start = end + 2;
                    if (line.Length < 4 || line[3] == ' ')
                    {
                        _buffer.Remove(0, start);
                        return text[..end];
                    }
                }

                var read = await stream.ReadAsync(bytes, cancellationToken);
                if (read == 0)
                {
                    return text;
                }

                _buffer.Append(Encoding.ASCII.GetString(bytes, 0, read));
            }
        }
    }
}
