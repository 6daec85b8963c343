using System.Net;
using System.Text;
using Kakunin.Authentication;
using Kakunin.Authentication.Tests;
using Kakunin.Protocol;
using Kakunin.Reports.Dsn;
using Kakunin.Smtp.Server;
using Kakunin.Store;
using Kakunin.Store.Security;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace Kakunin.Queue.Tests;

/// <summary>
/// A real store in a temp folder, the backend and the runner wired as in production, a fake clock and transport.
/// Inbound SPF/DKIM/DMARC checks are off unless asked for; then they ask <see cref="Dns"/>, records in memory.
/// </summary>
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

    public MailSubmission MailSubmission { get; private set; } = null!;

    public QueueSignal Signal { get; } = new();

    /// <summary>What the inbound checks find in DNS (SPF records, DKIM keys, DMARC records) when <see cref="Authenticates"/>.</summary>
    public TestZone Dns { get; } = new();

    /// <summary>Whether the backend checks mail from the internet (SPF, DKIM, DMARC) and stamps the real verdict.</summary>
    public bool Authenticates { get; private set; }

    /// <param name="authenticate">Build the backend with the inbound checks over <see cref="Dns"/>, as the server does.</param>
    public static async Task<QueueFixture> CreateAsync(QueueOptions? options = null, bool authenticate = false)
    {
        var fixture = new QueueFixture(Path.Combine(Path.GetTempPath(), "kakunin-queue-" + Guid.NewGuid().ToString("N")));
        fixture.Options = options ?? fixture.Options;
        fixture.Authenticates = authenticate;
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

    /// <summary>The client address of <see cref="Inbound"/>: RFC 5737 documentation space, never contacted (SPF only compares it).</summary>
    public static IPAddress InboundAddress { get; } = IPAddress.Parse("192.0.2.25");

    public static SmtpSessionInfo Inbound { get; } = new("s-in", ListenerKind.Inbound, new IPEndPoint(InboundAddress, 40000), "mx.other.test", false, null);

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
        return await SubmitRawAsync(session, mailFrom, Content(from, string.Join(", ", recipients.Select(r => r.ForwardPath.Mailbox))), recipients);
    }

    /// <summary>Like <see cref="SubmitAsync"/> with the message bytes given (CRLF).</summary>
    public async Task<SmtpReply> SubmitRawAsync(SmtpSessionInfo session, MailFromCommand mailFrom, byte[] bytes, params RcptToCommand[] recipients)
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

        using var content = new MemoryStream(bytes);
        return await Backend.AcceptMessageAsync(session, new SmtpEnvelope(mailFrom, recipients), content, default);
    }

    /// <summary>Text with LF line ends as CRLF bytes, as a message is stored.</summary>
    public static byte[] Crlf(string text) => Encoding.UTF8.GetBytes(text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal));

    /// <summary>Writes the user's process_receipts setting (the settings repository is not this project's).</summary>
    public async Task SetProcessReceiptsAsync(string user, bool on)
    {
        var userId = await Store.Directory.FindUserIdAsync(user, default);
        await ExecuteAsync(
            "INSERT INTO user_settings (user_id, request_delivery_receipt, request_read_receipt, mdn_other_cases, mdn_not_in_to_cc, mdn_outside_domain, mdn_on_delete_unread, process_receipts) " +
            "VALUES ($u, 0, 0, 'ask', 'ask', 'ask', 0, $p) ON CONFLICT (user_id) DO UPDATE SET process_receipts = $p",
            ("$u", userId), ("$p", on ? 1 : 0));
    }

    /// <summary>One value read from the database (tests look at columns the repositories do not return).</summary>
    public Task<object?> ScalarAsync(string sql, params (string Name, object? Value)[] parameters) => RunAsync(sql, parameters, c => c.ExecuteScalarAsync());

    public Task ExecuteAsync(string sql, params (string Name, object? Value)[] parameters) => RunAsync(sql, parameters, async c => (object?)await c.ExecuteNonQueryAsync());

    /// <summary>The current-state row of the tracked recipient with this address: state, status, diagnostic, evidence, read state, retry time.</summary>
    public async Task<(string State, string? Status, string? Diagnostic, string? Evidence, string? ReadState, long? RetryUntil)> TrackedAsync(string address)
    {
        await using var connection = await Store.OpenReadConnectionAsync(default);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT state, status, diagnostic, evidence, read_state, retry_until FROM tracking_recipients WHERE address = $a ORDER BY id DESC LIMIT 1";
        command.Parameters.AddWithValue("$a", address);
        await using var r = await command.ExecuteReaderAsync();
        Assert.True(await r.ReadAsync(), $"{address} is not tracked");
        return (r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3),
            r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetInt64(5));
    }

    private async Task<object?> RunAsync(string sql, (string Name, object? Value)[] parameters, Func<System.Data.Common.DbCommand, Task<object?>> run)
    {
        await using var connection = await Store.OpenReadConnectionAsync(default);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return await run(command);
    }

    /// <summary>The verdict this server stamped on a stored message (its own Authentication-Results, RFC 8601 §5), or null.</summary>
    public MessageAuthentication? VerdictOn(StoredMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var stream = new MemoryStream(message.Content.ToArray());
        return MessageAuthentication.FromHeaders(HeaderList.Load(stream), Options.HostName);
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
        Signal.Dispose();
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
        // No failure delay: the fixture's clock is a fake one that a waiting AUTH would never see move.
        var signIn = new PasswordSignIn(Store, new AuthThrottle(new AuthThrottleOptions { FailureDelay = TimeSpan.Zero }, Time), Time, NullLogger<PasswordSignIn>.Instance);
        // As KakuninServer wires it: the checks ask DNS (here the in-memory zone) with the queue's organizational domains.
        var authentication = Authenticates
            ? new InboundAuthentication(new MessageAuthenticator(Options.HostName, Dns, Options.OrganizationalDomains), new AuthenticationOptions(), Options.HostName)
            : null;
        Backend = new QueueSmtpBackend(Store, Options, Time, metrics, NullLogger<QueueSmtpBackend>.Instance, signIn: signIn, authentication: authentication);
        Runner = new QueueRunner(Store, Transport, Options, Time, metrics, NullLogger<QueueRunner>.Instance);
        MailSubmission = new MailSubmission(Store, Options, Time, metrics, NullLogger.Instance, Signal);
    }
}
