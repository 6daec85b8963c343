using System.Diagnostics;
using System.Globalization;
using System.Net;
using Kakunin.IntegrationTests.Hardening;
using Kakunin.IntegrationTests.Queue;

namespace Kakunin.IntegrationTests.Storage;

/// <summary>
/// Issue 14: the CLI writes to the database of a running server (docs/storage.md, "Several writers"). The server notices
/// the other process's commit and acts on it at once: the queue looks again, the session list is read again, and a
/// delivery planned before an administrator's delete does not go out. A real <c>kakunin serve</c>, the real
/// <c>kakunin</c> command as its own process, MailKit for submission and a receiving SMTP server on loopback.
/// </summary>
public sealed class OtherWritersTests(ITestOutputHelper output)
{

    [Fact]
    public async Task Queue_retry_from_the_cli_makes_the_running_server_try_at_once()
    {
        // Nothing listens on the smarthost's port at first: the message is deferred, its next attempt minutes away.
        var port = KakuninProcess.FreePort();
        await using var server = await KakuninProcess.StartAsync(
            extraArgs: ["--smarthost", $"127.0.0.1:{port}"],
            environment: new Dictionary<string, string>
            {
                ["KAKUNIN__QUEUE__POLLINTERVAL"] = "00:10:00", // the server would not look by itself for ten minutes
                ["KAKUNIN__QUEUE__DEADDESTINATIONBACKOFF"] = "00:00:01",
            });
        using (var client = await AliceSubmits.ConnectAsync(server))
        {
            await client.SendAsync(AliceSubmits.Message("Deferred first", "carol@elsewhere.test"));
        }

        await server.WaitForAsync(async () => await ScalarAsync(server, "SELECT count(*) FROM queue_recipients WHERE state = 'deferred' AND attempts = 1") == 1, "the first attempt to fail");
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // past the dead-destination back-off
        await using var smarthost = new TarpitPeer(IPAddress.Loopback, port, TimeSpan.Zero);

        var clock = Stopwatch.StartNew();
        var (exit, text, error) = await KakuninCli.RunAsync("queue", "retry", "--all", "--data", server.DataDirectory);
        Assert.True(exit == 0, text + error);
        await server.WaitForAsync(() => Task.FromResult(smarthost.Accepted == 1), "the retried message at the smarthost", seconds: 60);
        output.WriteLine($"queue retry → delivered: {clock.ElapsedMilliseconds} ms (the command's own start-up included)");
        await server.WaitForAsync(async () => await ScalarAsync(server, "SELECT count(*) FROM queue_recipients WHERE state IN ('delivered', 'relayed')") == 1, "the delivery recorded");
    }

    [Fact]
    public async Task Queue_retry_from_the_cli_revives_a_destination_the_server_declared_dead()
    {
        // One connection to a smarthost that refuses it: with a window of one, that declares the destination dead for an
        // hour, and every message for it would be suspended without a connection until then — unless the administrator's
        // retry revives it (as Postfix's postqueue -f does).
        var port = KakuninProcess.FreePort();
        await using var server = await KakuninProcess.StartAsync(
            extraArgs: ["--smarthost", $"127.0.0.1:{port}"],
            environment: new Dictionary<string, string>
            {
                ["KAKUNIN__QUEUE__POLLINTERVAL"] = "00:10:00",
                ["KAKUNIN__QUEUE__INITIALDESTINATIONCONCURRENCY"] = "1",
                ["KAKUNIN__QUEUE__DEADDESTINATIONBACKOFF"] = "01:00:00",
            });
        using (var client = await AliceSubmits.ConnectAsync(server))
        {
            await client.SendAsync(AliceSubmits.Message("Refused first", "carol@elsewhere.test"));
        }

        await server.WaitForAsync(() => Task.FromResult(server.Log.Contains("is not answering", StringComparison.Ordinal)), "the destination declared dead");
        await using var smarthost = new TarpitPeer(IPAddress.Loopback, port, TimeSpan.Zero);

        var (exit, text, error) = await KakuninCli.RunAsync("queue", "retry", "--all", "--data", server.DataDirectory);
        Assert.True(exit == 0, text + error);
        await server.WaitForAsync(() => Task.FromResult(smarthost.Accepted == 1), "the retried message at the smarthost, within the dead destination's hour", seconds: 30);
        await server.WaitForAsync(async () => await ScalarAsync(server, "SELECT count(*) FROM queue_recipients WHERE state IN ('delivered', 'relayed')") == 1, "the delivery recorded");
        Assert.Contains("Queue retry requested by an administrator", server.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_deleted_from_the_cli_while_it_waits_for_its_destination_is_not_sent()
    {
        // One connection at a time to the smarthost, which holds the first message for a while: the second waits in the
        // server's memory, already planned, when the administrator deletes it.
        await using var smarthost = new TarpitPeer(IPAddress.Loopback, 0, TimeSpan.FromSeconds(6));
        await using var server = await KakuninProcess.StartAsync(
            extraArgs: ["--smarthost", $"127.0.0.1:{smarthost.Port}"],
            environment: new Dictionary<string, string>
            {
                ["KAKUNIN__QUEUE__INITIALDESTINATIONCONCURRENCY"] = "1",
                ["KAKUNIN__QUEUE__DESTINATIONCONCURRENCYLIMIT"] = "1",
            });
        using (var client = await AliceSubmits.ConnectAsync(server))
        {
            await client.SendAsync(AliceSubmits.Message("Held at the dot", "carol@elsewhere.test"));
            await server.WaitForAsync(() => Task.FromResult(smarthost.Dots == 1), "the first message at the smarthost's final dot");
            await client.SendAsync(AliceSubmits.Message("Deleted while waiting", "dave@elsewhere.test"));
        }

        var second = await TextAsync(server, "SELECT m.queue_id FROM queue_messages m JOIN queue_recipients r ON r.message_id = m.id WHERE r.address = 'dave@elsewhere.test'");
        var (exit, text, error) = await KakuninCli.RunAsync("queue", "delete", second, "--data", server.DataDirectory);
        Assert.True(exit == 0, text + error);

        await server.WaitForAsync(async () => await ScalarAsync(server, "SELECT count(*) FROM queue_recipients WHERE address = 'carol@elsewhere.test' AND state IN ('delivered', 'relayed')") == 1, "the first message delivered");
        await Task.Delay(TimeSpan.FromSeconds(2)); // time enough for the planned second delivery to start, if it would
        Assert.Equal(1, smarthost.Dots); // only the first message ever reached the smarthost
        Assert.Equal(0, await ScalarAsync(server, "SELECT count(*) FROM queue_recipients WHERE address = 'dave@elsewhere.test'"));
    }

    [Fact]
    public async Task A_password_reset_from_the_cli_signs_the_webmail_out_on_the_running_server()
    {
        await using var server = await KakuninProcess.StartAsync();
        using var web = new WebSignIn(server.HttpPort, IPAddress.Loopback);
        using (var signedIn = await web.PostAsync(AliceSubmits.Alice, KakuninProcess.Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, await StatusOfInboxAsync(web));

        var (exit, text, error) = await KakuninCli.RunAsync("user", "password", AliceSubmits.Alice, "--password", "a new one, after a leak", "--data", server.DataDirectory);
        Assert.True(exit == 0, text + error);
        Assert.Contains("every webmail session of alice@example.test is signed out", text, StringComparison.Ordinal);

        // The running server reads the revocation when it notices the CLI's commit (a quarter of a second): no restart.
        await server.WaitForAsync(async () => await StatusOfInboxAsync(web) == HttpStatusCode.Redirect, "the old session to be refused", seconds: 10);
        using var again = new WebSignIn(server.HttpPort, IPAddress.Loopback);
        using var withNew = await again.PostAsync(AliceSubmits.Alice, "a new one, after a leak");
        Assert.Equal(HttpStatusCode.Redirect, withNew.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await StatusOfInboxAsync(again));
    }

    private static async Task<HttpStatusCode> StatusOfInboxAsync(WebSignIn web)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/mail/Inbox");
        using var response = await web.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task<long> ScalarAsync(KakuninProcess server, string sql) =>
        Convert.ToInt64(await QueryAsync(server, sql), CultureInfo.InvariantCulture);

    private static async Task<string> TextAsync(KakuninProcess server, string sql) =>
        (string)(await QueryAsync(server, sql) ?? throw new InvalidOperationException($"no row: {sql}"));

    private static async Task<object?> QueryAsync(KakuninProcess server, string sql)
    {
        await using var connection = ServerDatabase.Open(server);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
