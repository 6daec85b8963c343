using Kakunin.Store;

namespace Kakunin.Queue.Tests;

/// <summary>
/// Local delivery stores a message's bytes once however many local mailboxes it reaches (migration 4), each mailbox
/// holds one copy even when several of the message's recipients are the same user (RFC 5321 §3.3), every mailbox
/// reads the bytes it was delivered, and the bytes go with the last mailbox that deletes them for ever.
/// </summary>
public sealed class SharedContentTests
{
    private static readonly byte[] Big = QueueFixture.Crlf(
        "From: x@other.test\nTo: team@example.com\nSubject: Big\nMessage-ID: <big@other.test>\n\n" + new string('b', 50_000) + "\n");

    [Fact]
    public async Task One_message_to_three_local_users_is_stored_once_and_each_reads_it()
    {
        await using var f = await QueueFixture.CreateAsync();
        Assert.Equal(250, (await f.SubmitRawAsync(QueueFixture.Inbound, QueueFixture.From("x@other.test"), Big,
            QueueFixture.To("alice@example.com"), QueueFixture.To("bob@example.com"), QueueFixture.To("carol@example.com"))).Code);
        await f.RunAsync();

        Assert.Equal(1L, await ContentRowsAsync(f));
        var copies = new List<StoredMessage>();
        foreach (var user in new[] { "alice", "bob", "carol" })
        {
            copies.Add(Assert.Single(await f.InboxAsync($"{user}@example.com")));
        }

        // The bytes delivered: our Return-Path (RFC 5321 §4.4), our Authentication-Results (RFC 8601; no checks
        // configured here: "none") and then the message as it came.
        byte[] expected = [.. "Return-Path: <x@other.test>\r\nAuthentication-Results: mx.example.com; none\r\n"u8, .. Big];
        Assert.All(copies, c => Assert.Equal(expected, c.Content.ToArray()));
        Assert.True(await StoredBytesAsync(f) < Big.Length * 2, "the 50 KB body is on disk once, not three times");
    }

    [Fact]
    public async Task Two_messages_with_overlapping_recipients_each_read_their_own_bytes()
    {
        await using var f = await QueueFixture.CreateAsync();
        await f.SubmitRawAsync(QueueFixture.Inbound, QueueFixture.From("x@other.test"), QueueFixture.Content("x@other.test", "a", "First", "1@other.test"),
            QueueFixture.To("alice@example.com"), QueueFixture.To("bob@example.com"));
        await f.SubmitRawAsync(QueueFixture.Inbound, QueueFixture.From("x@other.test"), QueueFixture.Content("x@other.test", "b", "Second", "2@other.test"),
            QueueFixture.To("bob@example.com"), QueueFixture.To("carol@example.com"));
        await f.RunAsync();

        Assert.Equal(2L, await ContentRowsAsync(f));
        Assert.Equal(["First"], await SubjectsAsync(f, "alice@example.com"));
        Assert.Equal(["First", "Second"], await SubjectsAsync(f, "bob@example.com"));
        Assert.Equal(["Second"], await SubjectsAsync(f, "carol@example.com"));
    }

    [Fact]
    public async Task Several_addresses_of_one_user_give_one_copy_in_that_mailbox()
    {
        await using var f = await QueueFixture.CreateAsync();

        // Bob three ways: a case variant (a different forward-path for SMTP, RFC 5321 §2.4, the same user here),
        // himself, and the alias team (bob, carol) expanded in a later pass.
        Assert.Equal(250, (await f.SubmitRawAsync(QueueFixture.Inbound, QueueFixture.From("x@other.test"), Big,
            QueueFixture.To("Bob@example.com"), QueueFixture.To("bob@example.com"), QueueFixture.To("team@example.com"))).Code);
        await f.RunAsync();
        await f.RunAsync();

        Assert.Single(await f.InboxAsync("bob@example.com"));
        Assert.Single(await f.InboxAsync("carol@example.com"));
        Assert.Equal(1L, await ContentRowsAsync(f));
        var states = await f.ScalarAsync("SELECT group_concat(state, ',') FROM (SELECT state FROM queue_recipients ORDER BY id)");
        Assert.Equal("delivered,delivered,expanded,delivered,delivered", states); // every recipient reached its mailbox
    }

    [Fact]
    public async Task Deleting_for_ever_keeps_the_bytes_until_the_last_mailbox_lets_go()
    {
        await using var f = await QueueFixture.CreateAsync();
        var ct = TestContext.Current.CancellationToken;
        await f.SubmitRawAsync(QueueFixture.Inbound, QueueFixture.From("x@other.test"), Big,
            QueueFixture.To("alice@example.com"), QueueFixture.To("bob@example.com"));
        await f.RunAsync();
        var alices = Assert.Single(await f.InboxAsync("alice@example.com"));
        var bobs = Assert.Single(await f.InboxAsync("bob@example.com"));

        // As the webmail does: to Trash, then delete for ever.
        Assert.True(await f.Store.Mailboxes.MoveAsync("alice@example.com", alices.Id, MailFolders.Trash, ct));
        Assert.True(await f.Store.Mailboxes.DeleteAsync("alice@example.com", alices.Id, ct));
        Assert.Equal(1L, await ContentRowsAsync(f));
        Assert.Equal(alices.Content.ToArray(), (await f.Store.Mailboxes.GetAsync("bob@example.com", bobs.Id, ct))!.Content.ToArray());

        Assert.True(await f.Store.Mailboxes.DeleteAsync("bob@example.com", bobs.Id, ct));
        Assert.Equal(0L, await ContentRowsAsync(f));
        Assert.Equal(0L, await StoredBytesAsync(f));
    }

    private static async Task<long> ContentRowsAsync(QueueFixture f) => (long)(await f.ScalarAsync("SELECT COUNT(*) FROM message_contents"))!;

    private static async Task<long> StoredBytesAsync(QueueFixture f) =>
        (long)(await f.ScalarAsync("SELECT COALESCE((SELECT SUM(length(content)) FROM message_contents), 0) + COALESCE((SELECT SUM(length(content)) FROM messages), 0)"))!;

    private static async Task<List<string?>> SubjectsAsync(QueueFixture f, string user) =>
        [.. (await f.InboxAsync(user)).Select(m => MimeKit.MimeMessage.Load(new MemoryStream(m.Content.ToArray())).Subject)];
}
