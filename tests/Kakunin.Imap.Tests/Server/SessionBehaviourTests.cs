using System.Text;
using Kakunin.Imap.Server;

namespace Kakunin.Imap.Tests.Server;

/// <summary>Pipelining, IDLE pushes and hostile streams, over in-memory pipes.</summary>
public sealed class SessionBehaviourTests
{
    private static async Task<InMemoryImapConnection> SignedInAsync(FakeImapBackend backend, bool select = true)
    {
        var connection = new InMemoryImapConnection(new ImapServerOptions(), backend);
        await connection.SendAsync("a1 LOGIN alice secret\r\n");
        await connection.ReceiveUntilAsync("a1 OK");
        if (select)
        {
            await connection.SendAsync("a2 SELECT INBOX\r\n");
            await connection.ReceiveUntilAsync("a2 OK");
        }

        return connection;
    }

    [Fact]
    public async Task Ten_thousand_pipelined_NOOPs_get_ten_thousand_answers_in_order()
    {
        var connection = await SignedInAsync(new FakeImapBackend(), select: false);
        var commands = new StringBuilder();
        for (var i = 0; i < 10_000; i++)
        {
            commands.Append('n').Append(i).Append(" NOOP\r\n");
        }

        await connection.SendAsync(commands.ToString());
        var output = await connection.ReceiveUntilAsync("n9999 OK");
        var lines = output.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(10_000, lines.Length);
        Assert.Equal("n0 OK NOOP completed", lines[0]);
        Assert.Equal("n9999 OK NOOP completed", lines[^1]);
    }

    [Fact]
    public async Task A_refused_APPEND_is_answered_NO_with_its_code_and_the_session_goes_on()
    {
        var backend = new FakeImapBackend { AppendFailure = new Kakunin.Imap.Backend.ImapRefusedException("OVERQUOTA", "Not enough disk space on the server") };
        var connection = await SignedInAsync(backend, select: false);
        await connection.SendAsync("a3 APPEND INBOX {7+}\r\nhi\r\n\r\nx\r\n");
        Assert.Equal("a3 NO [OVERQUOTA] Not enough disk space on the server\r\n", await connection.ReceiveUntilAsync("a3 "));

        // RFC 5530 SERVERBUG for a failure inside the server: no details to the client, and the connection stays usable.
        backend.AppendFailure = new InvalidOperationException("database is locked at /var/lib/kakunin/kakunin.db");
        await connection.SendAsync("a4 APPEND INBOX {7+}\r\nhi\r\n\r\nx\r\n");
        var answer = await connection.ReceiveUntilAsync("a4 ");
        Assert.StartsWith("a4 NO [SERVERBUG] ", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("/var/lib", answer, StringComparison.Ordinal);
        await connection.SendAsync("a5 NOOP\r\n");
        Assert.Equal("a5 OK NOOP completed\r\n", await connection.ReceiveUntilAsync("a5 OK"));
    }

    [Fact]
    public async Task IDLE_pushes_EXISTS_for_a_delivery_and_ends_with_DONE()
    {
        var backend = new FakeImapBackend();
        var connection = await SignedInAsync(backend);
        await connection.SendAsync("a3 IDLE\r\n");
        await connection.ReceiveUntilAsync("+ idling\r\n");
        backend.Deliver("INBOX", "Subject: hi\r\n\r\nbody\r\n");
        Assert.Equal("* 1 EXISTS\r\n", await connection.ReceiveUntilAsync("EXISTS\r\n"));
        backend.SetFlags("INBOX", 1, "\\Seen");
        Assert.Equal("* 1 FETCH (FLAGS (\\Seen))\r\n", await connection.ReceiveUntilAsync("FETCH (FLAGS (\\Seen))\r\n"));
        backend.Remove("INBOX", 1);
        Assert.Equal("* 1 EXPUNGE\r\n", await connection.ReceiveUntilAsync("EXPUNGE\r\n"));
        await connection.SendAsync("DONE\r\n");
        Assert.Equal("a3 OK Idle completed\r\n", await connection.ReceiveUntilAsync("a3 OK"));
    }

    [Fact]
    public async Task IDLE_without_DONE_then_close_ends_the_session_and_another_is_served()
    {
        var backend = new FakeImapBackend();
        var connection = await SignedInAsync(backend);
        await connection.SendAsync("a3 IDLE\r\n");
        await connection.ReceiveUntilAsync("+ idling\r\n");
        await connection.EndInputAsync();
        await connection.Running.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        var second = await SignedInAsync(backend);
        await second.SendAsync("b1 NOOP\r\n");
        Assert.Contains("b1 OK NOOP completed", await second.ReceiveUntilAsync("b1 OK"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unterminated_literal_then_end_of_input_closes_without_running_the_command()
    {
        var backend = new FakeImapBackend();
        var connection = await SignedInAsync(backend, select: false);
        await connection.SendAsync("a3 APPEND INBOX {50+}\r\nonly a few bytes");
        await connection.EndInputAsync();
        await connection.Running.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.DoesNotContain(backend.Log, l => l.StartsWith("APPEND", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_sequence_set_of_thousands_of_ranges_is_answered_once_per_message()
    {
        var backend = new FakeImapBackend();
        backend.Deliver("INBOX", "Subject: a\r\n\r\nx\r\n");
        backend.Deliver("INBOX", "Subject: b\r\n\r\ny\r\n");
        var connection = await SignedInAsync(backend);
        var set = string.Join(',', Enumerable.Repeat("1:*", 5000));
        await connection.SendAsync($"a3 FETCH {set} (UID)\r\n");
        var output = await connection.ReceiveUntilAsync("a3 OK");
        Assert.Equal("* 1 FETCH (UID 1)\r\n* 2 FETCH (UID 2)\r\na3 OK Fetch completed\r\n", output);
    }

    [Fact]
    public async Task Idle_client_is_told_BYE_at_the_autologout_timer()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var connection = new InMemoryImapConnection(new ImapServerOptions { LoginTimeout = TimeSpan.FromMinutes(3) }, new FakeImapBackend(), time: time);
        await connection.ReceiveUntilAsync("ready\r\n");
        await Task.Delay(100, TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal("* BYE Disconnected for inactivity\r\n", await connection.ReceiveUntilAsync("BYE"));
    }
}
