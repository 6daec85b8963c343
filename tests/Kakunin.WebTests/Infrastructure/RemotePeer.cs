using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Kakunin.WebTests.Infrastructure;

/// <summary>
/// A remote mail server for the tracking tests, used as the smarthost of a private <c>kakunin serve</c>. It answers
/// RCPT TO by the local part, as a real MTA would (RFC 5321 §4.2): "nobody…" 550 5.1.1 (no such user), "full…"
/// 452 4.2.2 (mailbox full: a temporary failure, so the sender's queue retries), anything else 250. It does not
/// offer DSN (RFC 3461), so recipients it accepts with NOTIFY=SUCCESS are "relayed".
/// </summary>
public sealed class RemotePeer : IAsyncDisposable
{
    public static string UnknownUserReply(string address) => $"550 5.1.1 <{address}>: Recipient address rejected: User unknown in virtual mailbox table";

    public static string MailboxFullReply(string address) => $"452 4.2.2 <{address}>: Recipient address rejected: Mailbox full, try again later";

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private Task _accepting = Task.CompletedTask;

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public static RemotePeer Start()
    {
        var peer = new RemotePeer();
        peer._listener.Start();
        peer._accepting = peer.AcceptAsync();
        return peer;
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
            catch (OperationCanceledException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            await using var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.Latin1);
            await using var writer = new StreamWriter(stream, Encoding.Latin1) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 peer.remote.test ESMTP");
            var accepted = 0;
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO" or "HELO":
                        await writer.WriteLineAsync("250 peer.remote.test");
                        break;
                    case "MAIL":
                        accepted = 0;
                        await writer.WriteLineAsync("250 2.1.0 Ok");
                        break;
                    case "RCPT":
                        var address = Between(line, '<', '>');
                        var local = address.Split('@')[0];
                        if (local.StartsWith("nobody", StringComparison.OrdinalIgnoreCase))
                        {
                            await writer.WriteLineAsync(UnknownUserReply(address));
                        }
                        else if (local.StartsWith("full", StringComparison.OrdinalIgnoreCase))
                        {
                            await writer.WriteLineAsync(MailboxFullReply(address));
                        }
                        else
                        {
                            accepted++;
                            await writer.WriteLineAsync("250 2.1.5 Ok");
                        }

                        break;
                    case "DATA" when accepted == 0:
                        await writer.WriteLineAsync("554 5.5.1 Error: no valid recipients");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        while (await reader.ReadLineAsync(_stop.Token) is { } data && data != ".")
                        {
                        }

                        await writer.WriteLineAsync("250 2.0.0 Ok: queued as PEER1");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 2.0.0 Bye");
                        return;
                    case "RSET" or "NOOP":
                        await writer.WriteLineAsync("250 2.0.0 Ok");
                        break;
                    default:
                        await writer.WriteLineAsync("502 5.5.2 Error: command not recognized");
                        break;
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away; nothing to clean up.
        }
    }

    private static string Between(string text, char open, char close)
    {
        var start = text.IndexOf(open, StringComparison.Ordinal);
        var end = text.IndexOf(close, start + 1);
        return start >= 0 && end > start ? text[(start + 1)..end] : string.Empty;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
