namespace Kakunin.Smtp.Client;

/// <summary>Opens a byte stream to an SMTP server: real sockets in production, loopback in tests.</summary>
public interface ISmtpDialer
{
    /// <summary>Connects to <paramref name="host"/>:<paramref name="port"/>.</summary>
    /// <exception cref="System.Net.Sockets.SocketException">The host refused or could not be reached.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled (the caller's connect timeout).</exception>
    ValueTask<Stream> ConnectAsync(string host, int port, CancellationToken cancellationToken);
}
