using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using Kakunin.Certificates.Tls;

namespace Kakunin.Certificates.Tests;

/// <summary>The ALPN list read from real ClientHellos: .NET's own and OpenSSL's (openssl s_client).</summary>
public sealed class ClientHelloReaderTests
{
    [Fact]
    public async Task Reads_the_protocols_a_dotnet_client_offers_however_the_bytes_arrive()
    {
        var hello = await CaptureAsync(async port =>
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(IPAddress.Loopback, port);
            using var ssl = new SslStream(tcp.GetStream());
            var options = new SslClientAuthenticationOptions { TargetHost = "mx.example.test", ApplicationProtocols = [new SslApplicationProtocol("acme-tls/1")] };
            await Assert.ThrowsAnyAsync<Exception>(() => ssl.AuthenticateAsClientAsync(options));
        });

        for (var length = 0; length < hello.Length; length++)
        {
            Assert.Equal(ClientHelloResult.Incomplete, ClientHelloReader.TryRead(new ReadOnlySequence<byte>(hello, 0, length), out _));
        }

        Assert.Equal(ClientHelloResult.Read, ClientHelloReader.TryRead(new ReadOnlySequence<byte>(hello), out var protocols));
        Assert.Equal(["acme-tls/1"], protocols);
    }

    [Fact]
    public async Task Reads_the_protocols_openssl_offers_in_order()
    {
        var hello = await CaptureAsync(async port =>
        {
            var info = new ProcessStartInfo("openssl") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { "s_client", "-connect", $"127.0.0.1:{port}", "-servername", "mx.example.test", "-alpn", "h2,acme-tls/1" })
            {
                info.ArgumentList.Add(arg);
            }

            using var process = Process.Start(info)!;
            process.StandardInput.Close();
            await process.WaitForExitAsync();
        });

        Assert.Equal(ClientHelloResult.Read, ClientHelloReader.TryRead(new ReadOnlySequence<byte>(hello), out var protocols));
        Assert.Equal(["h2", "acme-tls/1"], protocols);
    }

    [Fact]
    public void Without_an_ALPN_extension_nothing_is_offered()
    {
        // RFC 8446 §4.1.2 by hand: version, random, empty session id, one suite, null compression, no extensions.
        byte[] body = [0x03, 0x03, .. new byte[32], 0x00, 0x00, 0x02, 0x13, 0x01, 0x01, 0x00];
        byte[] handshake = [0x01, 0x00, 0x00, (byte)body.Length, .. body];
        byte[] record = [0x16, 0x03, 0x01, 0x00, (byte)handshake.Length, .. handshake];

        Assert.Equal(ClientHelloResult.Read, ClientHelloReader.TryRead(new ReadOnlySequence<byte>(record), out var protocols));
        Assert.Empty(protocols);
    }

    [Theory]
    [InlineData(new byte[] { (byte)'E', (byte)'H', (byte)'L', (byte)'O', (byte)' ', (byte)'x' })]
    [InlineData(new byte[] { 0x16, 0x03, 0x01, 0x00, 0x04, 0x02, 0x00, 0x00, 0x00 })]
    public void Other_bytes_are_not_a_ClientHello(byte[] input) =>
        Assert.Equal(ClientHelloResult.NotAClientHello, ClientHelloReader.TryRead(new ReadOnlySequence<byte>(input), out _));

    /// <summary>What a client sends first: the bytes until the ClientHello is complete, read on a loopback socket.</summary>
    private static async Task<byte[]> CaptureAsync(Func<int, Task> client)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var talking = client(((IPEndPoint)listener.LocalEndpoint).Port);
        using var server = await listener.AcceptTcpClientAsync();
        var received = new List<byte>();
        var buffer = new byte[4096];
        var stream = server.GetStream();
        while (ClientHelloReader.TryRead(new ReadOnlySequence<byte>(received.ToArray()), out _) == ClientHelloResult.Incomplete)
        {
            var read = await stream.ReadAsync(buffer);
            Assert.True(read > 0, "the client closed before its ClientHello was complete");
            received.AddRange(buffer.AsSpan(0, read));
        }

        server.Close();
        await talking;
        return [.. received];
    }
}
