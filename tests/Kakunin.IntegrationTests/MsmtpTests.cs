using Kakunin.Reports.Dsn;
using Kakunin.Store;

namespace Kakunin.IntegrationTests;

/// <summary>msmtp (Debian package) as a real submission client: STARTTLS, AUTH, and DSN options (RFC 3461).</summary>
public sealed class MsmtpTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Msmtp_submits_with_starttls_auth_and_dsn()
    {
        var subject = ServerFixture.Unique("via msmtp");
        var message = $"From: {ServerFixture.Bob}\r\nTo: {ServerFixture.Alice}\r\nSubject: {subject}\r\nMessage-ID: <{Guid.NewGuid():N}@example.test>\r\n\r\nHello from msmtp.\r\n";
        var (exit, output) = await ExternalClient.RunAsync("msmtp",
        [
            "--host=127.0.0.1", $"--port={fixture.Server.SubmissionPort}", "--tls=on", "--tls-starttls=on", "--tls-certcheck=off",
            "--auth=plain", $"--user={ServerFixture.Bob}", "--passwordeval=echo '" + KakuninProcess.Password + "'",
            $"--from={ServerFixture.Bob}", "--dsn-notify=success,failure", "--dsn-return=hdrs", ServerFixture.Alice,
        ], message);

        Assert.True(exit == 0, output);
        var delivered = await fixture.WaitForMessageAsync(ServerFixture.Alice, MailFolders.Inbox, m => m.Subject == subject, "Alice's copy");
        var dsn = await fixture.WaitForMessageAsync(ServerFixture.Bob, MailFolders.Inbox, m => m.InReplyTo == delivered.MessageId, "success DSN to Bob");
        var recipient = Assert.Single(DsnParser.TryParse(dsn)!.Recipients);
        Assert.Equal(DsnAction.Delivered, recipient.Action);
    }
}
