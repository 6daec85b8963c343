using Kakunin.IntegrationTests;
using Kakunin.WebTests.Infrastructure;
using MailKit.Net.Imap;
using MailKit.Security;

namespace Kakunin.WebTests.Mail;

/// <summary>
/// A server of the rich-text tests' own, with IMAP on (the shared server runs without it), so that the message sent
/// from the webmail can be fetched by MailKit's IMAP client as any other mail program would.
/// </summary>
public sealed class RichTextServerFixture : IAsyncLifetime
{
    public WebServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Server = await WebServer.StartWithImapAsync();

    public async ValueTask DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }

    /// <summary>MailKit signed in over STARTTLS on loopback (the demo server's own certificate is accepted: it is ours).</summary>
    public async Task<ImapClient> ImapAsync(string user)
    {
        var client = new ImapClient { ServerCertificateValidationCallback = (_, _, _, _) => true };
        await client.ConnectAsync("127.0.0.1", Server.Process.ImapPort, SecureSocketOptions.StartTls);
        await client.AuthenticateAsync(user, KakuninProcess.Password);
        return client;
    }
}
