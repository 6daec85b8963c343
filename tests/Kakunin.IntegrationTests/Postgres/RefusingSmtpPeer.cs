using System.Net.Sockets;
using System.Text;
using Kakunin.IntegrationTests.Peers;

namespace Kakunin.IntegrationTests.Postgres;

/// <summary>
/// A scripted next hop on 127.0.0.1 that refuses every recipient with 550 5.1.1 (RFC 5321 §4.2.2, RFC 3463 X.1.1), so
/// the sender gets a failure DSN. It answers any number of connections until disposed, and counts the RCPTs it refused.
/// </summary>
internal sealed class RefusingSmtpPeer : LoopbackPeer
{
    private int _refused;

    public RefusingSmtpPeer() => Start();

    public int Refused => Volatile.Read(ref _refused);

    protected override async Task ServeAsync(NetworkStream stream)
    {
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
}
