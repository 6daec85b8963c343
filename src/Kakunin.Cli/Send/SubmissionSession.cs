using System.Net.Sockets;
using Kakunin.Cli.Settings;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Kakunin.Cli.Send;

/// <summary>
/// One submission: connect, sign in, send, quit, with each step's failure turned into one line that names the server,
/// which listener it was meant to be and where its address came from ("could not connect to 127.0.0.1:2587
/// (submission, from KAKUNIN_SERVER): Connection refused"), instead of MailKit's bare exception text.
/// </summary>
internal sealed class SubmissionSession(DsnSmtpClient client, Located<ServerAddress> server, SecureSocketOptions security, bool implicitTls)
{
    private string Where => $"{server.Value} ({SubmissionServer.ServiceName(implicitTls)}, {server.Origin})";

    /// <summary>Sends the message; returns the server's reply, or throws <see cref="SubmissionException"/> saying what failed where.</summary>
    public async Task<string> SendAsync(MimeMessage message, string? user, string password, CancellationToken cancellationToken)
    {
        try
        {
            await client.ConnectAsync(server.Value.Host, server.Value.Port, security, cancellationToken).ConfigureAwait(false);
        }
        catch (SslHandshakeException e)
        {
            var hint = e.ServerCertificate is not null ? " (for the demo's self-signed certificate, add --insecure)" : string.Empty;
            throw new SubmissionException($"TLS with {Where} failed: {FirstLine(e.Message)}{hint}");
        }
        catch (Exception e) when (e is SocketException or IOException or SmtpProtocolException or SmtpCommandException or NotSupportedException or TimeoutException)
        {
            throw new SubmissionException($"could not connect to {Where}: {FirstLine(e.Message)}");
        }

        try
        {
            if (user is not null)
            {
                await SignInAsync(user, password, cancellationToken).ConfigureAwait(false);
            }

            var reply = await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
            await client.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
            return reply;
        }
        catch (SmtpCommandException e)
        {
            var who = e.Mailbox is not null ? $" for {e.Mailbox.Address}" : string.Empty;
            // RFC 5321 §4.2.3 452 / RFC 3463 X.3.1: the server is out of storage (docs/storage.md); the message was not kept.
            var full = e.StatusCode == SmtpStatusCode.InsufficientStorage ? " (the server is out of disk space: nothing was sent; try again later)" : string.Empty;
            throw new SubmissionException($"{Where} refused the message{who}: {(int)e.StatusCode} {FirstLine(e.Message)}{full}");
        }
        catch (Exception e) when (e is SocketException or IOException or SmtpProtocolException or ServiceNotConnectedException or TimeoutException)
        {
            throw new SubmissionException($"the connection to {Where} broke: {FirstLine(e.Message)}");
        }
    }

    private async Task SignInAsync(string user, string password, CancellationToken cancellationToken)
    {
        try
        {
            await client.AuthenticateAsync(user, password, cancellationToken).ConfigureAwait(false);
        }
        catch (AuthenticationException e)
        {
            throw new SubmissionException($"{Where} refused the sign-in as {user}: {FirstLine(e.Message)}");
        }
        catch (NotSupportedException)
        {
            // RFC 4954 §3: AUTH is offered only where it may be used (Kakunin: after STARTTLS, on submission ports).
            throw new SubmissionException($"{Where} offers no sign-in (AUTH) here: is this its submission port, with TLS?");
        }
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }
}

/// <summary>A submission that failed; the message says what, where, and where the address came from.</summary>
internal sealed class SubmissionException(string message) : Exception(message);
