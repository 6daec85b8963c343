using Kakunin.Store;

namespace Kakunin.IntegrationTests;

/// <summary>
/// swaks (Debian package) as a real client against the inbound port: mail for local users is taken,
/// unknown users are refused at RCPT, relaying is refused.
/// Expected replies: RFC 5321 §4.2.2/§3.6, RFC 3463 (5.1.1, 5.7.1).
/// </summary>
public sealed class SwaksTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private Task<(int ExitCode, string Output)> Swaks(params string[] args) =>
        ExternalClient.RunAsync("swaks", ["--server", "127.0.0.1", "--port", fixture.Server.SmtpPort.ToString(), "--helo", "client.example.net", .. args]);

    [Fact]
    public async Task Mail_from_the_internet_to_a_local_user_is_delivered()
    {
        var subject = ServerFixture.Unique("from outside");
        var (exit, output) = await Swaks("--from", "someone@sender.example", "--to", ServerFixture.Bob, "--header", $"Subject: {subject}");

        Assert.True(exit == 0, output);
        Assert.Contains("<-  250 2.0.0", output, StringComparison.Ordinal);
        await fixture.WaitForMessageAsync(ServerFixture.Bob, MailFolders.Inbox, m => m.Subject == subject, "Bob's copy");
    }

    [Fact]
    public async Task Unknown_local_user_is_refused_at_rcpt()
    {
        var (exit, output) = await Swaks("--from", "someone@sender.example", "--to", "nobody@example.test");

        Assert.NotEqual(0, exit);
        Assert.Contains("<** 550 5.1.1", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Relaying_is_refused_without_authentication()
    {
        var (exit, output) = await Swaks("--from", "someone@sender.example", "--to", "victim@elsewhere.example");

        Assert.NotEqual(0, exit);
        Assert.Contains("<** 550 5.7.1", output, StringComparison.Ordinal);
    }
}
