using MailKit.Net.Imap;
using MailKit.Security;
using MimeKit;

namespace Kakunin.IntegrationTests.Imap;

/// <summary>
/// The IMAP servers a client test runs against, as theory rows, and one running server of each kind per test class,
/// started on first use (a test class's tests run one after another, so they share it; each finds its own mail by a
/// unique subject or Message-ID).
/// </summary>
public sealed class ImapServers : IAsyncLifetime
{
    private readonly Dictionary<ImapServerKind, Task<ImapTarget>> _started = [];

    /// <summary>Kakunin (what the suite is for) and Dovecot (the reference the test is checked against).</summary>
    public static IEnumerable<TheoryDataRow<ImapServerKind>> Both =>
    [
        new(ImapServerKind.Kakunin),
        new(ImapServerKind.Dovecot),
    ];

    /// <summary>Kakunin alone, for a test whose Dovecot row no longer adds anything once it is known to be right.</summary>
    public static IEnumerable<TheoryDataRow<ImapServerKind>> KakuninOnly =>
    [
        new(ImapServerKind.Kakunin),
    ];

    public Task<ImapTarget> GetAsync(ImapServerKind kind)
    {
        lock (_started)
        {
            if (!_started.TryGetValue(kind, out var target))
            {
                _started[kind] = target = ImapTarget.StartAsync(kind);
            }

            return target;
        }
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var started in _started.Values)
        {
            if (started.IsCompletedSuccessfully)
            {
                await (await started).DisposeAsync();
            }
        }
    }

    /// <summary>A MailKit client logged in as <paramref name="user"/> over STARTTLS or implicit TLS, pinning the server's certificate.</summary>
    public static async Task<ImapClient> ConnectAsync(ImapTarget target, string user, bool implicitTls = false)
    {
        var client = new ImapClient();
        try
        {
            client.ServerCertificateValidationCallback = (_, certificate, _, _) => target.IsServerCertificate(certificate);
            await client.ConnectAsync(ImapTarget.Host, implicitTls ? target.ImplicitTlsPort : target.StartTlsPort, implicitTls ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls);
            await client.AuthenticateAsync(user, ImapTarget.Password);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>A plain text message with a unique Message-ID, From the given address.</summary>
    public static MimeMessage Message(string from, string to, string subject, string text = "Hello.\r\n")
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.MessageId = $"{Guid.NewGuid():N}@clients.example.org";
        message.Date = DateTimeOffset.UtcNow;
        message.Body = new TextPart("plain") { Text = text };
        return message;
    }

    /// <summary>Waits until <paramref name="condition"/> holds, checking every 100 ms, or fails with the server's log.</summary>
    public static async Task WaitForAsync(ImapTarget target, Func<Task<bool>> condition, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"{target}: timed out waiting for {what}\n--- server log ---\n{target.Log}");
    }
}
