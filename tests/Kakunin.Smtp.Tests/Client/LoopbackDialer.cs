using System.Net;
using System.Net.Sockets;
using Kakunin.Smtp.Client;

namespace Kakunin.Smtp.Tests.Client;

/// <summary>Maps host names to ports on 127.0.0.1; any other host is refused like a closed port.</summary>
internal sealed class LoopbackDialer(IReadOnlyDictionary<string, int> ports) : ISmtpDialer
{
    public List<string> Dialed { get; } = [];

    public async ValueTask<Stream> ConnectAsync(string host, int port, CancellationToken cancellationToken)
    {
        Dialed.Add($"{host}:{port}");
        if (!ports.TryGetValue(host, out var loopbackPort))
        {
            throw new SocketException((int)SocketError.ConnectionRefused);
        }
        var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, loopbackPort, cancellationToken);
        }
        catch
        {
            client.Dispose();
            throw;
        }
        return client.GetStream();
    }
}
