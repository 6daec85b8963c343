using Kakunin.Store;

namespace Kakunin.IntegrationTests.Hardening;

/// <summary>
/// RFC 5321 §4.5.1 against a real <c>kakunin serve</c> (host name mx.example.test, demo domain example.test):
/// <c>RCPT TO:&lt;Postmaster&gt;</c> without a domain is accepted and delivered to this server's postmaster, and
/// postmaster@ a local domain that has no user or alias of that name is accepted and reaches the administrator.
/// </summary>
public sealed class PostmasterTests
{
    [Fact]
    public async Task Domain_less_Postmaster_and_postmaster_of_a_new_domain_reach_the_administrator()
    {
        await using var server = await KakuninProcess.StartAsync();
        await using (var store = await server.OpenStoreAsync())
        {
            await store.Directory.AddDomainAsync("second.test", CancellationToken.None); // no user, no alias there
        }

        var bare = ServerFixture.Unique("to Postmaster");
        var second = ServerFixture.Unique("to postmaster@second.test");
        await using var smtp = await RawSmtpConnection.OpenAsync(server.SmtpPort);
        Assert.StartsWith("250", await smtp.CommandAsync("EHLO reporter.example"), StringComparison.Ordinal);

        Assert.StartsWith("250", await smtp.CommandAsync("MAIL FROM:<abuse@reporter.example>"), StringComparison.Ordinal);
        Assert.StartsWith("250 2.1.5", await smtp.CommandAsync("RCPT TO:<Postmaster>"), StringComparison.Ordinal);
        // The demo's postmaster@example.test alias is the same person: one copy (one per mailbox).
        Assert.StartsWith("250 2.1.5", await smtp.CommandAsync("RCPT TO:<postmaster@example.test>"), StringComparison.Ordinal);
        Assert.StartsWith("354", await smtp.CommandAsync("DATA"), StringComparison.Ordinal);
        Assert.StartsWith("250", await smtp.CommandAsync($"Subject: {bare}\r\n\r\nhello\r\n."), StringComparison.Ordinal);

        Assert.StartsWith("250", await smtp.CommandAsync("MAIL FROM:<abuse@reporter.example>"), StringComparison.Ordinal);
        Assert.StartsWith("250 2.1.5", await smtp.CommandAsync("RCPT TO:<POSTMASTER@second.test>"), StringComparison.Ordinal);
        Assert.StartsWith("550", await smtp.CommandAsync("RCPT TO:<nobody@second.test>"), StringComparison.Ordinal);
        Assert.StartsWith("354", await smtp.CommandAsync("DATA"), StringComparison.Ordinal);
        Assert.StartsWith("250", await smtp.CommandAsync($"Subject: {second}\r\n\r\nhello\r\n."), StringComparison.Ordinal);
        await smtp.CommandAsync("QUIT");

        // Alice administers the demo organisation.
        await server.WaitForMessageAsync(ServerFixture.Alice, MailFolders.Inbox, m => m.Subject == second, "postmaster@second.test mail at the administrator");
        await server.WaitForEmptyQueueAsync();
        var inbox = await server.FolderAsync(ServerFixture.Alice, MailFolders.Inbox);
        Assert.Single(inbox, m => m.Subject == bare);
        Assert.Single(inbox, m => m.Subject == second);
        Assert.DoesNotContain(await server.FolderAsync(ServerFixture.Bob, MailFolders.Inbox), m => m.Subject == bare || m.Subject == second);
    }
}
