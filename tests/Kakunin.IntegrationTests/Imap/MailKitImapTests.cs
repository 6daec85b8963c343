using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using MimeKit;

namespace Kakunin.IntegrationTests.Imap;

/// <summary>
/// MailKit's ImapClient (what many .NET and mobile clients are built on) against a real server: TLS and login, the
/// special-use folders, a delivered message's envelope, structure and bytes, \Seen reaching the webmail's data, IDLE,
/// $MDNSent between two clients, APPEND to Sent after submission, and a Japanese subject search.
/// </summary>
public sealed class MailKitImapTests(ImapServers servers) : IClassFixture<ImapServers>
{
    [Theory]
    [MemberData(nameof(ImapServers.Both), MemberType = typeof(ImapServers))]
    public async Task Login_works_over_starttls_and_implicit_tls_and_not_before_tls(ImapServerKind kind)
    {
        var target = await servers.GetAsync(kind);
        using (var starttls = await ImapServers.ConnectAsync(target, ImapTarget.Alice))
        {
            Assert.True(starttls.IsSecure && starttls.IsAuthenticated);
        }

        using (var implicitTls = await ImapServers.ConnectAsync(target, ImapTarget.Alice, implicitTls: true))
        {
            Assert.True(implicitTls.IsSecure && implicitTls.IsAuthenticated);
        }

        // RFC 9051 §6.2.3 / RFC 3501 §6.2.3: no password in the clear; the server says LOGINDISABLED before STARTTLS.
        // From 127.0.0.2: Dovecot counts a client whose address equals its own (127.0.0.1 to 127.0.0.1) as secure.
        using var plain = new ImapClient { LocalEndPoint = new System.Net.IPEndPoint(System.Net.IPAddress.Parse("127.0.0.2"), 0) };
        await plain.ConnectAsync(ImapTarget.Host, target.StartTlsPort, SecureSocketOptions.None);
        Assert.True(plain.Capabilities.HasFlag(ImapCapabilities.LoginDisabled), $"{target}: capabilities before STARTTLS: {plain.Capabilities}");
        await Assert.ThrowsAnyAsync<Exception>(() => plain.AuthenticateAsync(ImapTarget.Alice, ImapTarget.Password));
    }

    [Theory]
    [MemberData(nameof(ImapServers.Both), MemberType = typeof(ImapServers))]
    public async Task Special_use_folders_are_listed(ImapServerKind kind)
    {
        var target = await servers.GetAsync(kind);
        using var client = await ImapServers.ConnectAsync(target, ImapTarget.Alice);

        // RFC 6154: MailKit asks LIST ... RETURN (SPECIAL-USE) and maps the attributes to its special folders.
        Assert.True(client.Capabilities.HasFlag(ImapCapabilities.SpecialUse), $"{target}: no SPECIAL-USE in {client.Capabilities}");
        Assert.Equal("Sent", client.GetFolder(SpecialFolder.Sent)?.FullName);
        Assert.Equal("Drafts", client.GetFolder(SpecialFolder.Drafts)?.FullName);
        Assert.Equal("Trash", client.GetFolder(SpecialFolder.Trash)?.FullName);
        Assert.Equal("Junk", client.GetFolder(SpecialFolder.Junk)?.FullName);
        Assert.Equal("INBOX", client.Inbox.FullName);
        Assert.Equal('/', client.Inbox.DirectorySeparator);
    }

    [Theory]
    [MemberData(nameof(ImapServers.Both), MemberType = typeof(ImapServers))]
    public async Task A_delivered_message_fetches_envelope_structure_and_body(ImapServerKind kind)
    {
        var target = await servers.GetAsync(kind);
        var subject = ServerFixture.Unique("Contract with attachment");
        var sent = ImapServers.Message("carol@partner.example.org", ImapTarget.Alice, subject);
        var text = new TextPart("plain") { Text = "Please sign the attached contract.\r\n" };
        var attachment = new MimePart("application", "pdf")
        {
            Content = new MimeContent(new MemoryStream("%PDF-1.4 not really\n"u8.ToArray())),
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
            ContentTransferEncoding = ContentEncoding.Base64,
            FileName = "contract.pdf",
        };
        sent.Body = new Multipart("mixed") { text, attachment };
        await target.DeliverAsync(sent, ImapTarget.Alice);

        using var client = await ImapServers.ConnectAsync(target, ImapTarget.Alice);
        await client.Inbox.OpenAsync(FolderAccess.ReadWrite);
        var uid = await SingleAsync(target, client.Inbox, SearchQuery.HeaderContains("Message-ID", sent.MessageId!));
        var summary = Assert.Single(await client.Inbox.FetchAsync([uid], MessageSummaryItems.Envelope | MessageSummaryItems.BodyStructure | MessageSummaryItems.Flags | MessageSummaryItems.Size));

        // RFC 9051 §7.5.2 ENVELOPE: subject, from, to, message-id as the message has them.
        Assert.Equal(subject, summary.Envelope!.Subject);
        Assert.Equal("carol@partner.example.org", Assert.Single(summary.Envelope!.From.Mailboxes).Address);
        Assert.Equal(ImapTarget.Alice, Assert.Single(summary.Envelope!.To.Mailboxes).Address);
        Assert.Equal(sent.MessageId, summary.Envelope!.MessageId);
        Assert.False(summary.Flags!.Value.HasFlag(MessageFlags.Seen), "a new delivery is unread");

        // BODYSTRUCTURE: multipart/mixed of text/plain and a base64 application/pdf attachment named contract.pdf.
        var multipart = Assert.IsType<BodyPartMultipart>(summary.Body);
        Assert.Equal("mixed", multipart.ContentType.MediaSubtype, ignoreCase: true);
        Assert.Equal(2, multipart.BodyParts.Count);
        var textPart = Assert.IsType<BodyPartText>(multipart.BodyParts[0]);
        Assert.True(textPart.IsPlain);
        var pdf = Assert.IsType<BodyPartBasic>(multipart.BodyParts[1]);
        Assert.Equal("application/pdf", pdf.ContentType.MimeType, ignoreCase: true);
        Assert.Equal("contract.pdf", pdf.FileName);
        Assert.Equal("base64", pdf.ContentTransferEncoding, ignoreCase: true);

        // BODY[2] (RFC 9051 §6.4.5) decoded from base64: the attachment as sent.
        // BODY[1] is the text part's bytes as sent (7bit, CRLF on the wire), exact.
        using (var section = new MemoryStream())
        {
            await using (var stream = await client.Inbox.GetStreamAsync(uid, "1"))
            {
                await stream.CopyToAsync(section);
            }

            Assert.Equal("Please sign the attached contract.\r\n", System.Text.Encoding.ASCII.GetString(section.ToArray()));
        }

        var fetchedPdf = (MimePart)await client.Inbox.GetBodyPartAsync(uid, pdf);
        using (var decoded = new MemoryStream())
        {
            await fetchedPdf.Content!.DecodeToAsync(decoded);
            Assert.Equal("%PDF-1.4 not really\n"u8.ToArray(), decoded.ToArray());
        }

        // The whole message (BODY.PEEK[]): RFC822.SIZE matches its length, and peeking leaves it unread.
        using var whole = new MemoryStream();
        await (await client.Inbox.GetStreamAsync(uid, string.Empty)).CopyToAsync(whole);
        Assert.Equal(summary.Size, (uint)whole.Length);
        Assert.Equal(subject, MimeMessage.Load(new MemoryStream(whole.ToArray())).Subject);
        var after = Assert.Single(await client.Inbox.FetchAsync([uid], MessageSummaryItems.Flags));
        Assert.False(after.Flags!.Value.HasFlag(MessageFlags.Seen), "BODY.PEEK must not set \\Seen (RFC 9051 §6.4.5)");
    }

    [Theory]
    [MemberData(nameof(ImapServers.Both), MemberType = typeof(ImapServers))]
    public async Task Seen_set_over_imap_is_what_the_webmail_shows(ImapServerKind kind)
    {
        var target = await servers.GetAsync(kind);
        var sent = ImapServers.Message("carol@partner.example.org", ImapTarget.Alice, ServerFixture.Unique("Read me"));
        await target.DeliverAsync(sent, ImapTarget.Alice);
        Assert.False(Stored(await target.StoredAsync(ImapTarget.Alice, "INBOX"), sent.MessageId!).Seen);

        using var client = await ImapServers.ConnectAsync(target, ImapTarget.Alice);
        await client.Inbox.OpenAsync(FolderAccess.ReadWrite);
        var uid = await SingleAsync(target, client.Inbox, SearchQuery.HeaderContains("Message-ID", sent.MessageId!));
        await client.Inbox.AddFlagsAsync(uid, MessageFlags.Seen, silent: true);

        // Kakunin: the seen column the webmail's list and unread count read; Dovecot: \Seen in its index.
        var stored = Stored(await target.StoredAsync(ImapTarget.Alice, "INBOX"), sent.MessageId!);
        Assert.True(stored.Seen, $"{target}: \\Seen over IMAP did not reach the store: {string.Join(' ', stored.Flags)}");
        Assert.True(stored.Has("\\Seen"));
    }

    [Theory]
    [MemberData(nameof(ImapServers.Both), MemberType = typeof(ImapServers))]
    public async Task Idle_reports_a_message_delivered_meanwhile(ImapServerKind kind)
    {
        var target = await servers.GetAsync(kind);
        using var client = await ImapServers.ConnectAsync(target, ImapTarget.Alice);
        Assert.True(client.Capabilities.HasFlag(ImapCapabilities.Idle));
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        var before = client.Inbox.Count;
        var grew = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.Inbox.CountChanged += (_, _) => grew.TrySetResult(client.Inbox.Count);

        // RFC 2177: while idling, the server sends EXISTS for mail that arrives.
        using var done = new CancellationTokenSource();
        var idle = client.IdleAsync(done.Token);
        await Task.Delay(300); // the IDLE command is on its way before the delivery
        var sent = ImapServers.Message("carol@partner.example.org", ImapTarget.Alice, ServerFixture.Unique("While idling"));
        await target.DeliverAsync(sent, ImapTarget.Alice);
        var winner = await Task.WhenAny(grew.Task, Task.Delay(TimeSpan.FromSeconds(30)));
        await done.CancelAsync();
        await idle;
        Assert.True(winner == grew.Task, $"{target}: no EXISTS during IDLE within 30 s\n{target.Log}");
        Assert.True(await grew.Task > before);

        var uid = await SingleAsync(target, client.Inbox, SearchQuery.HeaderContains("Message-ID", sent.MessageId!));
        var summary = Assert.Single(await client.Inbox.FetchAsync([uid], MessageSummaryItems.Envelope));
        Assert.Equal(sent.Subject, summary.Envelope!.Subject);
    }

    [Theory]
    [MemberData(nameof(ImapServers.Both), MemberType = typeof(ImapServers))]
    public async Task MdnSent_set_by_one_client_stops_a_second_client_sending_a_receipt(ImapServerKind kind)
    {
        var target = await servers.GetAsync(kind);
        var sent = ImapServers.Message("carol@partner.example.org", ImapTarget.Alice, ServerFixture.Unique("Please confirm reading"));
        sent.Headers.Add(HeaderId.DispositionNotificationTo, "carol@partner.example.org");
        await target.DeliverAsync(sent, ImapTarget.Alice);

        using var phone = await ImapServers.ConnectAsync(target, ImapTarget.Alice);
        using var desktop = await ImapServers.ConnectAsync(target, ImapTarget.Alice);
        Assert.True(phone.Capabilities.HasFlag(ImapCapabilities.CondStore), $"{target}: no CONDSTORE in {phone.Capabilities}");
        await phone.Inbox.OpenAsync(FolderAccess.ReadWrite);
        await desktop.Inbox.OpenAsync(FolderAccess.ReadWrite);

        // RFC 3503 §3.1: $MDNSent must be storable, so PERMANENTFLAGS has \* (new keywords allowed).
        Assert.True(phone.Inbox.PermanentFlags.HasFlag(MessageFlags.UserDefined), $"{target}: PERMANENTFLAGS {phone.Inbox.PermanentFlags}");

        var uid = await SingleAsync(target, phone.Inbox, SearchQuery.HeaderContains("Message-ID", sent.MessageId!));
        // Both clients look at the message before either acts: same MODSEQ, no $MDNSent.
        var phoneView = Assert.Single(await phone.Inbox.FetchAsync([uid], MessageSummaryItems.Flags | MessageSummaryItems.ModSeq));
        var desktopView = Assert.Single(await desktop.Inbox.FetchAsync([uid], MessageSummaryItems.Flags | MessageSummaryItems.ModSeq));
        Assert.DoesNotContain("$MDNSent", desktopView.Keywords);
        Assert.Equal(phoneView.ModSeq, desktopView.ModSeq);

        // RFC 7162 §3.1.3: STORE (UNCHANGEDSINCE m) +FLAGS ($MDNSent). The first wins...
        var keyword = new HashSet<string>(StringComparer.Ordinal) { "$MDNSent" };
        var phoneRefused = await phone.Inbox.StoreAsync([uid], new StoreFlagsRequest(StoreAction.Add, keyword) { UnchangedSince = phoneView.ModSeq!.Value, Silent = true });
        Assert.Empty(phoneRefused);

        // ...and the second, with the MODSEQ it saw, is told the message changed (MODIFIED): it must not send a receipt.
        var desktopRefused = await desktop.Inbox.StoreAsync([uid], new StoreFlagsRequest(StoreAction.Add, keyword) { UnchangedSince = desktopView.ModSeq!.Value, Silent = true });
        Assert.Equal([uid], desktopRefused);
        var now = Assert.Single(await desktop.Inbox.FetchAsync([uid], MessageSummaryItems.Flags));
        Assert.Contains("$MDNSent", now.Keywords);

        // The server kept it (Kakunin: the flags column the webmail's receipt prompt reads).
        Assert.True(Stored(await target.StoredAsync(ImapTarget.Alice, "INBOX"), sent.MessageId!).Has("$MDNSent"));
    }

    [Theory]
    [MemberData(nameof(ImapServers.Both), MemberType = typeof(ImapServers))]
    public async Task Append_to_Sent_after_submission_leaves_one_copy(ImapServerKind kind)
    {
        var target = await servers.GetAsync(kind);
        var message = ImapServers.Message(ImapTarget.Alice, ImapTarget.Bob, ServerFixture.Unique("Submitted then appended"));
        // What Thunderbird and Outlook do: submit over SMTP, then APPEND the same bytes to Sent with \Seen.
        await target.SubmitAsync(ImapTarget.Alice, message, ImapTarget.Bob);
        using (var client = await ImapServers.ConnectAsync(target, ImapTarget.Alice))
        {
            var sentFolder = client.GetFolder(SpecialFolder.Sent)!;
            await sentFolder.AppendAsync(message, MessageFlags.Seen);
        }

        await target.SettleAsync();
        using var reader = await ImapServers.ConnectAsync(target, ImapTarget.Alice);
        var sent = reader.GetFolder(SpecialFolder.Sent)!;
        await sent.OpenAsync(FolderAccess.ReadOnly);
        var found = await sent.SearchAsync(SearchQuery.HeaderContains("Message-ID", message.MessageId!));
        Assert.True(found.Count == 1, $"{target}: {found.Count} copies in Sent over IMAP");
        Assert.Single(await target.StoredAsync(ImapTarget.Alice, "Sent"), m => m.MessageId == message.MessageId);
    }

    [Theory]
    [MemberData(nameof(ImapServers.Both), MemberType = typeof(ImapServers))]
    public async Task Japanese_subject_is_found_by_uid_search_charset_utf8(ImapServerKind kind)
    {
        var target = await servers.GetAsync(kind);
        var marker = Guid.NewGuid().ToString("N")[..8];
        var wanted = ImapServers.Message("tanaka@partner.example.org", ImapTarget.Alice, $"契約書のご確認のお願い {marker}");
        var other = ImapServers.Message("tanaka@partner.example.org", ImapTarget.Alice, $"会議の日程について {marker}");
        await target.DeliverAsync(wanted, ImapTarget.Alice);
        await target.DeliverAsync(other, ImapTarget.Alice);

        using var client = await ImapServers.ConnectAsync(target, ImapTarget.Alice);
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        // MailKit sends UID SEARCH CHARSET UTF-8 SUBJECT {n} with the UTF-8 bytes (RFC 9051 §6.4.4); the subject is
        // RFC 2047-encoded in the header, so the server must decode it to match.
        var both = await client.Inbox.SearchAsync(SearchQuery.SubjectContains(marker));
        Assert.Equal(2, both.Count);
        var found = await client.Inbox.SearchAsync(SearchQuery.SubjectContains("契約書").And(SearchQuery.SubjectContains(marker)));
        var uid = Assert.Single(found);
        var summary = Assert.Single(await client.Inbox.FetchAsync([uid], MessageSummaryItems.Envelope));
        Assert.Equal(wanted.Subject, summary.Envelope!.Subject);
    }

    private static async Task<UniqueId> SingleAsync(ImapTarget target, IMailFolder folder, SearchQuery query)
    {
        var found = await folder.SearchAsync(query);
        Assert.True(found.Count == 1, $"{target}: {found.Count} messages match {query}");
        return found[0];
    }

    private static StoredImapMessage Stored(IReadOnlyList<StoredImapMessage> folder, string messageId) =>
        folder.SingleOrDefault(m => m.MessageId == messageId) ?? throw new Xunit.Sdk.XunitException($"{messageId} not stored; have {folder.Count}");
}
