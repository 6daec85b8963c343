using System.Net;
using Kakunin.IntegrationTests.Hardening;

namespace Kakunin.IntegrationTests.Storage;

/// <summary>
/// Issue 15, item 2: below the reserve, the people who send say what happened in words, not a stack trace or an error
/// page: the webmail's Send keeps the form and explains, <c>kakunin send</c> prints one line with the server's 452 and
/// what it means. Nothing reaches the Sent folder or the queue. A real server on a real, filled tmpfs.
/// </summary>
public sealed class SendersTests
{
    [Fact]
    public async Task Webmail_and_kakunin_send_say_the_server_is_out_of_disk_space()
    {
        await using var disk = await SmallFileSystem.MountAsync(64L << 20);
        await using var server = await KakuninProcess.StartAsync(dataDirectory: Path.Combine(disk.Path, "data"), extraArgs: ["--storage-reserve", "16MiB"]);
        await disk.FillAsync(leave: 8L << 20);

        using var web = new WebSignIn(server.HttpPort, IPAddress.Loopback);
        using (var signedIn = await web.PostAsync(ServerFixture.Alice, KakuninProcess.Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }

        using var sent = await web.PostFormAsync("/compose", "/compose?handler=Send", new Dictionary<string, string>
        {
            ["Form.To"] = ServerFixture.Bob,
            ["Form.Subject"] = "Quarterly figures",
            ["Form.Body"] = "Attached below.",
        });
        var page = await sent.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Contains("id=\"compose-not-sent\">Not sent: the mail server is out of disk space and takes no new mail for now. Your message is still here", page, StringComparison.Ordinal);
        Assert.Contains("value=\"Quarterly figures\"", page, StringComparison.Ordinal); // the form came back as it was

        var (exit, output, error) = await KakuninCli.RunAsync(
            "send", "--server", $"127.0.0.1:{server.SubmissionPort}", "--insecure", "--user", ServerFixture.Alice, "--password", KakuninProcess.Password,
            "--from", ServerFixture.Alice, "--to", ServerFixture.Bob, "--subject", "From the shell", "--body", "Hello.");
        Assert.Equal(1, exit);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.True(line.Contains("refused the message for alice@example.test: 452 4.3.1 Insufficient system storage: this server is low on disk space", StringComparison.Ordinal), line);
        Assert.EndsWith("(the server is out of disk space: nothing was sent; try again later)", line.TrimEnd(), StringComparison.Ordinal);
        Assert.DoesNotContain("sent ", output, StringComparison.Ordinal);

        Assert.Empty(await StorageProbe.MessageIdsAsync(server, ServerFixture.Alice, Kakunin.Store.MailFolders.Sent));
        await using var store = await server.OpenStoreAsync();
        Assert.Equal(0, await store.Queue.CountOpenRecipientsAsync(CancellationToken.None));
        Assert.Contains("Webmail: a message from alice@example.test was not sent, the disk is full", server.Log, StringComparison.Ordinal);
    }
}
