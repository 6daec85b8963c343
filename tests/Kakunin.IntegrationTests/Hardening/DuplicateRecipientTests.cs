using System.Text;
using Kakunin.Store;

namespace Kakunin.IntegrationTests.Hardening;

/// <summary>
/// The duplicate-recipient flood against a real <c>kakunin serve</c>: without AUTH on port 25, one MAIL, 1,000 ×
/// <c>RCPT TO:&lt;bob@example.test&gt;</c> and a 200 KB message used to leave 1,000 copies (some 200 MB) in Bob's Inbox.
/// Now the repeats are answered 250 but kept once (RFC 5321 §3.3; Postfix duplicate_filter_limit), Bob gets one copy,
/// and the data folder grows by a small multiple of the message, not by a thousand of it.
/// </summary>
public sealed class DuplicateRecipientTests
{
    private const int Repeats = 1000;

    [Fact]
    public async Task A_thousand_identical_RCPTs_give_one_copy_and_bounded_growth()
    {
        await using var server = await KakuninProcess.StartAsync();
        var subject = ServerFixture.Unique("flood");
        var body = BigBody(200 * 1024);
        var before = FolderBytes(server.DataDirectory);

        await using var smtp = await RawSmtpConnection.OpenAsync(server.SmtpPort);
        Assert.StartsWith("250", await smtp.CommandAsync("EHLO attacker.example"), StringComparison.Ordinal);
        Assert.StartsWith("250", await smtp.CommandAsync("MAIL FROM:<x@attacker.example>"), StringComparison.Ordinal);
        var replies = new List<string>();
        for (var sent = 0; sent < Repeats; sent += 100)
        {
            // RFC 2920: pipelined in groups of 100, every reply read.
            await smtp.SendAsync(string.Concat(Enumerable.Repeat($"RCPT TO:<{ServerFixture.Bob}>\r\n", 100)));
            for (var i = 0; i < 100; i++)
            {
                replies.Add(await smtp.ReadReplyAsync());
            }
        }

        Assert.All(replies, r => Assert.StartsWith("250 2.1.5", r, StringComparison.Ordinal));
        Assert.Equal(Repeats - 1, replies.Count(r => r.Contains("Duplicate recipient, delivered once", StringComparison.Ordinal)));
        Assert.StartsWith("354", await smtp.CommandAsync("DATA"), StringComparison.Ordinal);
        await smtp.SendAsync($"From: x@attacker.example\r\nTo: {ServerFixture.Bob}\r\nSubject: {subject}\r\n\r\n{body}.\r\n");
        Assert.StartsWith("250", await smtp.ReadReplyAsync(), StringComparison.Ordinal);
        await smtp.CommandAsync("QUIT");

        await server.WaitForMessageAsync(ServerFixture.Bob, MailFolders.Inbox, m => m.Subject == subject, "the flood message in Bob's Inbox");
        await server.WaitForEmptyQueueAsync();
        Assert.Single(await server.FolderAsync(ServerFixture.Bob, MailFolders.Inbox), m => m.Subject == subject);

        // 1,000 copies would be over 200 MB; one copy in the queue, one in the mailbox and their WAL pages stay in a few MB.
        var growth = FolderBytes(server.DataDirectory) - before;
        Assert.True(growth < 20L * body.Length, $"the data folder grew by {growth:N0} bytes for one {body.Length:N0}-byte message");
    }

    /// <summary>A body of about <paramref name="size"/> bytes in 100-character lines (RFC 5322 §2.1.1 line limits).</summary>
    internal static string BigBody(int size)
    {
        var line = new string('z', 98) + "\r\n";
        var builder = new StringBuilder(size + line.Length);
        while (builder.Length < size)
        {
            builder.Append(line);
        }

        return builder.ToString();
    }

    /// <summary>Every file of the server's data folder (database, WAL, shared memory), in bytes.</summary>
    internal static long FolderBytes(string folder) =>
        new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
}
