using System.Net.Sockets;

namespace Kakunin.Smtp.Client;

/// <summary>
/// Connects with TCP. The host name's addresses come from the operating system's resolver
/// (<see cref="Socket.ConnectAsync(string, int, CancellationToken)"/> tries each address in turn).
/// </summary>
public sealed class TcpSmtpDialer : ISmtpDialer
{
    public async ValueTask<Stream> ConnectAsync(string host, int port, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(host, port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
