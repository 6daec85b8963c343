using System.Net;
using Kakunin.IntegrationTests.Hardening;
using Kakunin.Store.Tests.Postgres;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace Kakunin.IntegrationTests.Postgres;

/// <summary>
/// The CLI on the PostgreSQL database of a running node (docs/storage.md "Several writers", docs/postgresql.md): it
/// takes <c>Kakunin:Store:ConnectionString</c> as <c>kakunin serve</c> does, its writes are there for the node at
/// once, and a password change ends the user's webmail session on the node (the commit notice wakes its revocation
/// follower: without it the node would never look).
/// </summary>
public sealed class CliOnPostgresTests(PostgresClusterFixture postgres) : IClassFixture<PostgresClusterFixture>
{
    [Fact]
    public async Task Cli_writes_reach_the_running_node_a_new_user_submits_and_a_password_change_ends_the_webmail_session()
    {
        await using var node = await PostgresNode.StartAsync(postgres.Cluster);
        var data = Directory.CreateTempSubdirectory("kakunin-cli-pg-").FullName;
        var database = new Dictionary<string, string> { ["KAKUNIN__STORE__CONNECTIONSTRING"] = node.ConnectionString };

        var (exit, output, error) = await KakuninCli.RunAsync(database, "user", "add", "dave@example.test", "--password", "dave's long password", "--data", data);
        Assert.True(exit == 0, output + error);
        using (var smtp = new SmtpClient { ServerCertificateValidationCallback = (_, _, _, _) => true, Timeout = 20_000 })
        {
            await smtp.ConnectAsync("127.0.0.1", node.Server.SubmissionPort, SecureSocketOptions.StartTls);
            await smtp.AuthenticateAsync("dave@example.test", "dave's long password");
            await smtp.DisconnectAsync(quit: true);
        }

        using var web = new WebSignIn(node.Server.HttpPort, IPAddress.Loopback);
        Assert.Equal(HttpStatusCode.Redirect, (await web.PostAsync(ServerFixture.Alice, KakuninProcess.Password)).StatusCode);
        using (var inbox = await web.GetAsync("/mail/Inbox"))
        {
            Assert.Equal(HttpStatusCode.OK, inbox.StatusCode);
        }

        (exit, output, error) = await KakuninCli.RunAsync(database, "user", "password", ServerFixture.Alice, "--password", "a new long password", "--data", data);
        Assert.True(exit == 0, output + error);
        await node.Server.WaitForAsync(async () =>
        {
            using var page = await web.GetAsync("/mail/Inbox");
            return page.StatusCode == HttpStatusCode.Redirect;
        }, "alice's webmail session ended after kakunin user password", seconds: 20);

        Directory.Delete(data, recursive: true);
    }
}
