using System.Net;
using System.Net.Sockets;
using Kakunin.Authentication.Dns;

namespace Kakunin.Authentication.Tests.Dns;

/// <summary>
/// <see cref="AuthDns"/> against a real UDP responder on loopback that answers every question with one fixed
/// response code and counts the questions: a name that does not exist is asked once, not once per message
/// (RFC 2308 negative caching), and a name is asked again when the cache is off.
/// </summary>
public sealed class AuthDnsCacheTests
{
    [Theory]
    [InlineData(3, DnsStatus.NxDomain)]  // NXDOMAIN: the HELO name or envelope domain of a spam run
    [InlineData(0, DnsStatus.NoData)]    // NODATA: the name exists, no record of the type
    [InlineData(2, DnsStatus.TempError)] // SERVFAIL (RFC 2308 §7.1 allows caching it for up to five minutes)
    public async Task A_negative_answer_is_asked_once_and_remembered(int rcode, DnsStatus expected)
    {
        using var server = new FixedRcodeResponder(rcode);
        var dns = new AuthDns(new AuthDnsOptions { NameServers = [server.EndPoint], Retries = 0 });

        var first = await dns.TxtAsync("mail.nowhere.test", TestContext.Current.CancellationToken);
        var second = await dns.TxtAsync("mail.nowhere.test", TestContext.Current.CancellationToken);

        Assert.Equal(expected, first.Status);
        Assert.Equal(expected, second.Status);
        Assert.Equal(1, server.Questions);
    }

    [Fact]
    public async Task Without_the_cache_every_question_goes_to_the_server()
    {
        using var server = new FixedRcodeResponder(3);
        var dns = new AuthDns(new AuthDnsOptions { NameServers = [server.EndPoint], Retries = 0, UseCache = false });

        await dns.TxtAsync("mail.nowhere.test", TestContext.Current.CancellationToken);
        await dns.TxtAsync("mail.nowhere.test", TestContext.Current.CancellationToken);

        Assert.Equal(2, server.Questions);
    }

    /// <summary>Answers each query with its own question and the given RCODE, no records (RFC 1035 §4.1.1).</summary>
    private sealed class FixedRcodeResponder : IDisposable
    {
        private readonly UdpClient _udp = new(new IPEndPoint(IPAddress.Loopback, 0));
        private int _questions;

        public FixedRcodeResponder(int rcode)
        {
            EndPoint = (IPEndPoint)_udp.Client.LocalEndPoint!;
            _ = ServeAsync(rcode);
        }

        public IPEndPoint EndPoint { get; }

        public int Questions => Volatile.Read(ref _questions);

        public void Dispose() => _udp.Dispose();

        private async Task ServeAsync(int rcode)
        {
            while (true)
            {
                UdpReceiveResult received;
                try
                {
                    received = await _udp.ReceiveAsync();
                }
                catch (Exception ex) when (ex is ObjectDisposedException or SocketException)
                {
                    return;
                }
                Interlocked.Increment(ref _questions);
                var reply = received.Buffer.ToArray();
                reply[2] = (byte)(0x80 | (reply[2] & 0x79)); // QR=1, keep opcode and RD, AA/TC off
                reply[3] = (byte)(0x80 | rcode);             // RA=1, RCODE
                // Keep the question (QDCOUNT as asked), drop anything after it: ANCOUNT, NSCOUNT, ARCOUNT = 0.
                reply[6] = reply[7] = reply[8] = reply[9] = reply[10] = reply[11] = 0;
                var end = QuestionEnd(reply);
                await _udp.SendAsync(reply.AsMemory(0, end), received.RemoteEndPoint);
            }
        }

        private static int QuestionEnd(byte[] message)
        {
            var offset = 12;
            while (message[offset] != 0) offset += message[offset] + 1;
            return offset + 1 + 4; // the root label, QTYPE and QCLASS
        }
    }
}
