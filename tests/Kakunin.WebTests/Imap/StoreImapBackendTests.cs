using System.Net;
using System.Text;
using Kakunin.Imap.Backend;
using Kakunin.Imap.Search;
using Kakunin.Queue;
using Kakunin.Store;
using Kakunin.Store.Security;
using Kakunin.Web.Imap;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kakunin.WebTests.Imap;

/// <summary>
/// <see cref="StoreImapBackend"/> over a real store file (docs/imap-store.md): the server's own Sent copy recognised
/// in an APPEND, $MDNSent shared with the webmail, the sign-in throttle shared with SMTP, folder names, SEARCH.
/// </summary>
public sealed class StoreImapBackendTests : IAsyncLifetime
{
    private static readonly ImapClientInfo Client = new("t1", new IPEndPoint(IPAddress.Loopback, 50000), IsTls: true);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "kakunin-imap-" + Guid.NewGuid().ToString("N"));
    private KakuninStore _store = null!;
    private PasswordSignIn _signIn = null!;
    private StoreImapBackend _backend = null!;
    private ImapUser _bob = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _store = await KakuninStore.OpenAsync(_folder, new StoreOptions { PasswordIterations = 1000 }, Ct);
        await _store.Directory.AddDomainAsync("example.com", Ct);
        var id = await _store.Directory.AddUserAsync("bob@example.com", "secret", Ct);
        _bob = new ImapUser(id, "bob@example.com");
        var throttle = new AuthThrottle(new AuthThrottleOptions { AccountFailureLimit = 2, FailureDelay = TimeSpan.Zero, MaxFailureDelay = TimeSpan.Zero }, TimeProvider.System);
        _signIn = new PasswordSignIn(_store, throttle, TimeProvider.System, NullLogger<PasswordSignIn>.Instance);
        _backend = new StoreImapBackend(_store, _signIn, TimeProvider.System);
    }

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task An_append_to_sent_of_a_message_the_server_filed_there_is_not_stored_twice()
    {
        var content = Mail("Quarterly report", "q1@example.com");
        var submission = new MailSubmission(_store, new QueueOptions { HostName = "mx.example.com" }, TimeProvider.System, new QueueMetrics(), NullLogger.Instance);
        var submitted = await submission.AcceptAsync(
            new NewQueueMessage("Q1", "bob@example.com", [new NewQueueRecipient("carol@other.test")], content, DateTimeOffset.UtcNow, AuthenticatedUser: "bob@example.com"),
            "smtp", Ct);
        var sent = (await _backend.OpenAsync(_bob, "Sent", Ct))!;
        var serverUid = Assert.Single(sent.Uids);

        // The client appends its own copy after sending, as Thunderbird does (same Message-ID, its flags).
        var outcome = (await _backend.AppendAsync(_bob, "Sent", Mail("Quarterly report", "q1@example.com"), ["\\Seen", "$Forwarded"], null, Ct))!;

        Assert.True(outcome.WasAlreadyStored);
        Assert.Equal(serverUid, outcome.Uid);
        Assert.Equal(sent.UidValidity, outcome.UidValidity);
        var after = (await _backend.OpenAsync(_bob, "Sent", Ct))!;
        Assert.Single(after.Uids);
        var data = await _backend.FetchAsync(_bob, after.FolderId, after.Uids, ImapFetchParts.Metadata, Ct).SingleAsync(Ct);
        Assert.Contains("$Forwarded", data.Flags);
        // The tracking stays on the server's copy: still the one message in Sent.
        Assert.Equal(submitted.SentMessageId, Assert.Single(await _store.Mailboxes.ListAsync("bob@example.com", "Sent", Ct)).Id);

        // Another Message-ID, or another folder, is stored as usual.
        Assert.False((await _backend.AppendAsync(_bob, "Sent", Mail("Other", "q2@example.com"), [], null, Ct))!.WasAlreadyStored);
        Assert.False((await _backend.AppendAsync(_bob, "Drafts", Mail("Quarterly report", "q1@example.com"), [], null, Ct))!.WasAlreadyStored);
        Assert.Equal(2, (await _backend.OpenAsync(_bob, "Sent", Ct))!.Uids.Length);
    }

    [Fact]
    public async Task Mdnsent_set_over_imap_is_what_the_webmail_sees_and_the_other_way_round()
    {
        var a = await _store.Mailboxes.AppendAsync("bob@example.com", "Inbox", Mail("a", "a@other.test"), string.Empty, DateTimeOffset.UtcNow, Ct);
        var b = await _store.Mailboxes.AppendAsync("bob@example.com", "Inbox", Mail("b", "b@other.test"), string.Empty, DateTimeOffset.UtcNow, Ct);
        var inbox = (await _backend.OpenAsync(_bob, "INBOX", Ct))!;

        var stored = await _backend.StoreFlagsAsync(_bob, inbox.FolderId, [inbox.Uids[0]], ImapFlagOperation.Add, ["$MDNSent"], null, Ct);
        Assert.Single(stored.Changed);
        Assert.True((await _store.Mailboxes.GetAsync("bob@example.com", a, Ct))!.HasFlag(MessageFlags.MdnSent));
        Assert.False(await _store.Mailboxes.TryAddFlagAsync("bob@example.com", a, MessageFlags.MdnSent, Ct)); // no second receipt

        Assert.True(await _store.Mailboxes.TryAddFlagAsync("bob@example.com", b, MessageFlags.MdnSent, Ct));
        var again = await _backend.StoreFlagsAsync(_bob, inbox.FolderId, [inbox.Uids[1]], ImapFlagOperation.Add, ["$MDNSent"], null, Ct);
        Assert.Empty(again.Changed); // the client's test-and-set loses: it was set
        var changes = (await _backend.GetChangesAsync(_bob, inbox.FolderId, inbox.HighestModSeq, Ct))!;
        Assert.All(changes.Changed, c => Assert.Contains("$MDNSent", c.Flags));
    }

    [Fact]
    public async Task Sign_in_shares_the_accounts_and_the_throttle_with_smtp_and_the_webmail()
    {
        var ok = await _backend.AuthenticateAsync(Client, "Bob@Example.com", "secret", Ct);
        Assert.Equal(_bob, ok.User);
        Assert.Null((await _backend.AuthenticateAsync(Client, "bob@example.com", "wrong", Ct)).User);

        // One more failure elsewhere (the webmail) reaches the account's limit of 2: IMAP refuses even the right password.
        await _signIn.SignInAsync("bob@example.com", "wrong", IPAddress.Loopback, "web", Ct);
        Assert.True((await _backend.AuthenticateAsync(Client, "bob@example.com", "secret", Ct)).RefusedForNow);
    }

    [Fact]
    public async Task Folders_map_inbox_and_special_use_and_nest_with_the_delimiter()
    {
        Assert.Equal(ImapFolderOutcome.Done, await _backend.CreateFolderAsync(_bob, "inbox/Lists/", Ct));
        Assert.Equal(ImapFolderOutcome.AlreadyExists, await _backend.CreateFolderAsync(_bob, "INBOX", Ct));
        Assert.Equal(ImapFolderOutcome.NotAllowed, await _backend.DeleteFolderAsync(_bob, "Sent", Ct));
        var folders = await _backend.ListFoldersAsync(_bob, Ct);
        Assert.Equal("INBOX", folders[0].Name);
        Assert.Contains(folders, f => f.Name == "INBOX/Lists");
        Assert.Equal(ImapSpecialUse.Sent, folders.Single(f => f.Name == "Sent").SpecialUse);
        Assert.Equal(ImapSpecialUse.Junk, folders.Single(f => f.Name == "Junk").SpecialUse);
        Assert.Equal(ImapSpecialUse.None, folders.Single(f => f.Name == "Receipts").SpecialUse);
        Assert.NotNull(await _backend.GetStatusAsync(_bob, "Inbox/Lists", Ct));
        Assert.Contains("Inbox/Lists", (await _store.Mailboxes.GetFolderCountsAsync("bob@example.com", Ct)).Select(f => f.Name)); // the webmail lists it
    }

    [Fact]
    public async Task Search_matches_from_by_address_though_the_summary_keeps_the_name_and_reads_headers_for_fetch()
    {
        await _store.Mailboxes.AppendAsync("bob@example.com", "Inbox", Mail("Lunch on Friday", "l@other.test"), "\\Seen", DateTimeOffset.UtcNow, Ct);
        await _store.Mailboxes.AppendAsync("bob@example.com", "Inbox", Mail("Invoice", "i@other.test", from: "Dave <dave@else.test>"), string.Empty, DateTimeOffset.UtcNow, Ct);
        var inbox = (await _backend.OpenAsync(_bob, "INBOX", Ct))!;

        Assert.Equal([inbox.Uids[0]], await _backend.SearchAsync(_bob, inbox.FolderId, new HeaderKey("From", "alice@other.test"), Ct));
        Assert.Equal([inbox.Uids[0]], await _backend.SearchAsync(_bob, inbox.FolderId, new HeaderKey("From", "Alice Example"), Ct));
        Assert.Equal([inbox.Uids[1]], await _backend.SearchAsync(_bob, inbox.FolderId, new AndKey([new UidKey([new UidRange(1, 10)]), new FlagKey("\\Seen", false)]), Ct));
        Assert.Empty(await _backend.SearchAsync(_bob, inbox.FolderId, new AndKey([new UidKey([new UidRange(inbox.Uids[1], inbox.Uids[1])]), new HeaderKey("Subject", "lunch")]), Ct));

        var header = await _backend.FetchAsync(_bob, inbox.FolderId, [inbox.Uids[1]], ImapFetchParts.Header, Ct).SingleAsync(Ct);
        Assert.EndsWith("\r\n\r\n", Encoding.ASCII.GetString(header.Header!.Value.Span), StringComparison.Ordinal);
        Assert.DoesNotContain("Hello", Encoding.ASCII.GetString(header.Header!.Value.Span), StringComparison.Ordinal);
        Assert.Null(header.Content);
        Assert.False(header.IsDamaged);
    }

    [Fact]
    public async Task A_cached_envelope_is_byte_for_byte_the_one_built_from_the_header_in_both_utf8_modes()
    {
        // One header with raw UTF-8 (RFC 6532: the two modes write it differently), one plain ASCII.
        var eightBit = Encoding.UTF8.GetBytes("From: 山田 <yamada@other.test>\r\nTo: bob@example.com\r\nSubject: 請求書の件\r\nMessage-ID: <u@other.test>\r\n\r\nHello.\r\n");
        await _store.Mailboxes.AppendAsync("bob@example.com", "Inbox", eightBit, string.Empty, DateTimeOffset.UtcNow, Ct);
        await _store.Mailboxes.AppendAsync("bob@example.com", "Inbox", Mail("Invoice", "i@other.test"), string.Empty, DateTimeOffset.UtcNow, Ct);
        var inbox = (await _backend.OpenAsync(_bob, "INBOX", Ct))!;
        var headers = await _backend.FetchAsync(_bob, inbox.FolderId, inbox.Uids, ImapFetchParts.Header, Ct).Select(m => m.Header!.Value).ToListAsync(Ct);
        string Built(int i, bool utf8)
        {
            var buffer = new System.Buffers.ArrayBufferWriter<byte>();
            Kakunin.Imap.Message.MessageStructure.WriteEnvelope(buffer, headers[i], utf8);
            return Encoding.UTF8.GetString(buffer.WrittenSpan);
        }

        async Task<List<string>> EnvelopesAsync(ImapFetchParts mode) =>
            await _backend.FetchAsync(_bob, inbox.FolderId, inbox.Uids, ImapFetchParts.Envelope | mode, Ct).Select(m => Encoding.UTF8.GetString(m.Envelope!.Value.Span)).ToListAsync(Ct);

        Assert.Equal([Built(0, false), Built(1, false)], await EnvelopesAsync(ImapFetchParts.Metadata)); // built, then cached
        Assert.NotEqual(Built(0, false), Built(0, true)); // the case is worth having
        for (var i = 0; i < 200 && await CountAsync("SELECT COUNT(*) FROM content_cache WHERE envelope IS NOT NULL") < 2; i++)
        {
            await Task.Delay(25, Ct);
        }

        Assert.Equal(2, await CountAsync("SELECT COUNT(*) FROM content_cache WHERE envelope IS NOT NULL"));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM content_cache WHERE envelope_utf8 IS NOT NULL")); // only where the modes differ
        Assert.Equal([Built(0, false), Built(1, false)], await EnvelopesAsync(ImapFetchParts.Metadata));
        Assert.Equal([Built(0, true), Built(1, true)], await EnvelopesAsync(ImapFetchParts.Utf8));
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = await _store.OpenReadConnectionAsync(Ct);
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // test SQL
        command.CommandText = sql;
#pragma warning restore CA2100
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }

    private static byte[] Mail(string subject, string messageId, string from = "Alice Example <alice@other.test>") => Encoding.ASCII.GetBytes(
        $"From: {from}\r\nTo: bob@example.com\r\nSubject: {subject}\r\nMessage-ID: <{messageId}>\r\nDate: Mon, 1 Jan 2024 10:00:00 +0000\r\n\r\nHello.\r\n");
}
