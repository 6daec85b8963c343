using System.Text;
using Kakunin.Protocol;
using Kakunin.Reports.Dsn;
using Kakunin.Smtp.Server;
using Kakunin.Store;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace Kakunin.Queue.Tests;

/// <summary>A real store in a temp folder, the backend and the runner wired as in production, a fake clock and transport.</summary>
internal sealed class QueueFixture : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private QueueFixture(string folder) => Folder = folder;

    public string Folder { get; }

    public FakeTimeProvider Time { get; } = new(Start);

    public FakeTransport Transport { get; } = new();

    public QueueOptions Options { get; private set; } = new() { HostName = "mx.example.com" };

    public KakuninStore Store { get; private set; } = null!;

    public QueueSmtpBackend Backend { get; private set; } = null!;

    public QueueRunner Runner { get; private set; } = null!;

    public static async Task<QueueFixture> CreateAsync(QueueOptions? options = null)
    {
        var fixture = new QueueFixture(Path.Combine(Path.GetTempPath(), "kakunin-queue-" + Guid.NewGuid().ToString("N")));
        fixture.Options = options ?? fixture.Options;
        await fixture.OpenAsync();
        var d = fixture.Store.Directory;
        await d.AddDomainAsync("example.com", default);
        await d.AddUserAsync("alice@example.com", "alice-pw", default);
        await d.AddUserAsync("bob@example.com", "bob-pw", default);
        await d.AddUserAsync("carol@example.com", "carol-pw", default);
        await d.AddAliasAsync("team@example.com", ["bob@example.com", "carol@example.com"], default);
        await d.AddAliasAsync("sales@example.com", ["alice@example.com"], default);
        return fixture;
    }

    /// <summary>Closes the store as a crash would leave it (nothing flushed beyond commits) and opens it again.</summary>
    public async Task ReopenAsync()
    {
        await Store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        await OpenAsync();
    }

    public static SmtpSessionInfo Inbound { get; } = new("s-in", ListenerKind.Inbound, null, "mx.other.test", false, null);

    public static SmtpSessionInfo Submission(string user) => new("s-sub", ListenerKind.Submission, null, "client", true, user);

    public static MailFromCommand From(string? address, string? envid = null, DsnReturn? ret = null) =>
        new(address is null ? ReversePath.Null : new ReversePath(Mailbox.Parse(address)), EnvelopeId: envid, Return: ret);

    public static RcptToCommand To(string address, DsnNotify? notify = null, bool orcpt = false) =>
        new(ForwardPath.For(Mailbox.Parse(address)), notify,
            orcpt ? new TypedAddress("rfc822", address) : null,
            orcpt ? "rfc822;" + address : null);

    public static byte[] Content(string from, string to, string subject = "Contract", string messageId = "m1@example.com") =>
        Encoding.ASCII.GetBytes(
            $"Received: from client by mx.example.com\r\nFrom: {from}\r\nTo: {to}\r\nSubject: {subject}\r\nMessage-ID: <{messageId}>\r\nDate: Sat, 1 Mar 2025 09:00:00 +0000\r\n\r\nHello.\r\n");

    /// <summary>Goes through MAIL, each RCPT and DATA as the SMTP server would; returns the DATA reply (or the first refusal).</summary>
    public async Task<SmtpReply> SubmitAsync(SmtpSessionInfo session, MailFromCommand mailFrom, params RcptToCommand[] recipients)
    {
        if (await Backend.CheckSenderAsync(session, mailFrom, default) is { } refusedSender)
        {
            return refusedSender;
        }

        foreach (var r in recipients)
        {
            if (await Backend.CheckRecipientAsync(session, mailFrom, r, default) is { } refused)
            {
                return refused;
            }
        }

        var from = mailFrom.ReversePath.Mailbox?.ToString() ?? "mailer-daemon@other.test";
        using var content = new MemoryStream(Content(from, string.Join(", ", recipients.Select(r => r.ForwardPath.Mailbox))));
        return await Backend.AcceptMessageAsync(session, new SmtpEnvelope(mailFrom, recipients), content, default);
    }

    public Task<IReadOnlyList<StoredMessage>> InboxAsync(string user) => Store.Mailboxes.ListAsync(user, MailFolders.Inbox, default);

    /// <summary>The DSNs in a user's Inbox, parsed with Kakunin.Reports.</summary>
    public async Task<List<DeliveryStatusReport>> DsnsInInboxAsync(string user) =>
        [.. (await InboxAsync(user))
            .Select(m => MimeMessage.Load(new MemoryStream(m.Content.ToArray())))
            .Select(DsnParser.TryParse)
            .OfType<DeliveryStatusReport>()];

    /// <summary>The DSN messages ever queued (reverse-path &lt;&gt;, generated here).</summary>
    public async Task<List<QueueMessageRecord>> QueuedDsnsAsync() => [.. (await Store.Queue.ListMessagesAsync(default)).Where(m => m.IsReport)];

    public Task<int> RunAsync() => Runner.RunOnceAsync(Time.GetUtcNow(), default);

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task OpenAsync()
    {
        Store = await KakuninStore.OpenAsync(Folder, new StoreOptions { PasswordIterations = 1000 });
        var metrics = new QueueMetrics();
        Backend = new QueueSmtpBackend(Store, Options, Time, metrics, NullLogger<QueueSmtpBackend>.Instance);
        Runner = new QueueRunner(Store, Transport, Options, Time, metrics, NullLogger<QueueRunner>.Instance);
    }
}
