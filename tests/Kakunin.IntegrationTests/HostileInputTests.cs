using Kakunin.Store;

namespace Kakunin.IntegrationTests;

/// <summary>
/// Bytes a real server meets from broken or malicious clients, sent over a real socket. Each gets a
/// precise reply, nothing bad is accepted, and the server goes on serving the next client.
/// </summary>
public sealed class HostileInputTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Smuggled_transaction_after_bare_lf_dot_is_refused_and_never_delivered()
    {
        var smuggled = ServerFixture.Unique("smuggled");
        await using var smtp = await RawSmtpConnection.OpenAsync(fixture.Server.SmtpPort);
        Assert.StartsWith("250", await smtp.CommandAsync("EHLO attacker.example"), StringComparison.Ordinal);
        Assert.StartsWith("250", await smtp.CommandAsync("MAIL FROM:<someone@sender.example>"), StringComparison.Ordinal);
        Assert.StartsWith("250", await smtp.CommandAsync($"RCPT TO:<{ServerFixture.Bob}>"), StringComparison.Ordinal);
        Assert.StartsWith("354", await smtp.CommandAsync("DATA"), StringComparison.Ordinal);

        // "\n.\n" must not end DATA (SMTP smuggling); the real end is the CRLF.CRLF.
        await smtp.SendAsync($"Subject: carrier\r\n\r\nhello\n.\nMAIL FROM:<admin@example.test>\r\nRCPT TO:<{ServerFixture.Bob}>\r\nDATA\r\nSubject: {smuggled}\r\n\r\nevil\r\n.\r\n");
        var reply = await smtp.ReadReplyAsync();

        Assert.StartsWith("550 5.5.2", reply, StringComparison.Ordinal);
        Assert.StartsWith("250", await smtp.CommandAsync("NOOP"), StringComparison.Ordinal);
        await Task.Delay(1500);
        Assert.DoesNotContain(await fixture.FolderAsync(ServerFixture.Bob, MailFolders.Inbox), m => m.Subject is { } s && (s == smuggled || s == "carrier"));
    }

    [Fact]
    public async Task Oversized_command_line_gets_500_and_the_session_goes_on()
    {
        await using var smtp = await RawSmtpConnection.OpenAsync(fixture.Server.SmtpPort);
        await smtp.CommandAsync("EHLO client.example");
        var reply = await smtp.CommandAsync("MAIL FROM:<" + new string('a', 5000) + "@sender.example>");

        Assert.StartsWith("500 5.5.", reply, StringComparison.Ordinal);
        Assert.StartsWith("250", await smtp.CommandAsync("NOOP"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_dsn_parameters_get_the_exact_rfc_3461_reply()
    {
        await using var smtp = await RawSmtpConnection.OpenAsync(fixture.Server.SmtpPort);
        await smtp.CommandAsync("EHLO client.example");
        await smtp.CommandAsync("MAIL FROM:<someone@sender.example>");

        // RFC 3461 §4.1: NEVER cannot be combined with other values.
        Assert.StartsWith("501 5.5.4", await smtp.CommandAsync($"RCPT TO:<{ServerFixture.Bob}> NOTIFY=NEVER,SUCCESS"), StringComparison.Ordinal);
        // RFC 5321 §4.1.1.11: an unknown parameter is 555.
        Assert.StartsWith("555 5.5.4", await smtp.CommandAsync($"RCPT TO:<{ServerFixture.Bob}> FROBNICATE=1"), StringComparison.Ordinal);
        Assert.StartsWith("250", await smtp.CommandAsync($"RCPT TO:<{ServerFixture.Bob}> NOTIFY=SUCCESS,DELAY ORCPT=rfc822;bob+2Bx@example.test"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Early_disconnects_and_garbage_do_not_stop_the_server()
    {
        for (var i = 0; i < 20; i++)
        {
            await using var rude = await RawSmtpConnection.OpenAsync(fixture.Server.SmtpPort);
            await rude.SendAsync(i % 2 == 0 ? "EHLO x\r\nMAIL FROM:<a@b.example>\r\nRCPT TO:<bob@example.test>\r\nDATA\r\nhalf a mess" : "\u0001\u0002\u00ff garbage\r\n");
        }

        await using var polite = await RawSmtpConnection.OpenAsync(fixture.Server.SmtpPort);
        Assert.StartsWith("250", await polite.CommandAsync("EHLO client.example"), StringComparison.Ordinal);
        Assert.StartsWith("221", await polite.CommandAsync("QUIT"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task More_connections_from_one_address_than_allowed_get_421_and_others_still_work()
    {
        // Default limit: 20 simultaneous connections per client address (SmtpServerOptions.MaxConnectionsPerAddress).
        var open = new List<RawSmtpConnection>();
        try
        {
            for (var i = 0; i < 20; i++)
            {
                open.Add(await RawSmtpConnection.OpenAsync(fixture.Server.SmtpPort));
            }

            await using var extra = await RawSmtpConnection.OpenAsync(fixture.Server.SmtpPort, expectGreeting: false);
            var refused = await extra.ReadReplyAsync();
            Assert.StartsWith("421 ", refused, StringComparison.Ordinal);
        }
        finally
        {
            foreach (var connection in open)
            {
                await connection.DisposeAsync();
            }
        }

        // Once they are gone, a new client is served again.
        await fixture.Server.WaitForAsync(async () =>
        {
            await using var again = await RawSmtpConnection.OpenAsync(fixture.Server.SmtpPort, expectGreeting: false);
            return (await again.ReadReplyAsync()).StartsWith("220 ", StringComparison.Ordinal);
        }, "a new connection to be greeted after the others closed", seconds: 10);
    }

    [Fact]
    public async Task Thousands_of_recipients_stop_at_the_limit_with_452_and_the_first_thousand_are_kept()
    {
        await using var smtp = await RawSmtpConnection.OpenAsync(fixture.Server.SmtpPort);
        await smtp.CommandAsync("EHLO client.example");
        await smtp.CommandAsync("MAIL FROM:<list@sender.example>");
        var replies = new List<string>();

        // 1,024 different forward-paths (a repeated one is kept once and not counted, RFC 5321 §3.3): the case
        // variants of the demo's postmaster@example.test alias, different local parts to SMTP (RFC 5321 §2.4).
        for (var i = 0; i < 1024; i++)
        {
            var local = string.Concat("postmaster".Select((c, bit) => (i & (1 << bit)) != 0 ? char.ToUpperInvariant(c) : c));
            replies.Add(await smtp.CommandAsync($"RCPT TO:<{local}@example.test>"));
            if (replies[^1].StartsWith("421", StringComparison.Ordinal))
            {
                break;
            }
        }

        // RFC 5321 §4.5.3.1.8: at least 100 must be accepted; §4.5.3.1.10: beyond the limit, 452 (RFC 3463 X.5.3).
        Assert.Equal(1000, replies.Count(r => r.StartsWith("250", StringComparison.Ordinal)));
        Assert.StartsWith("452 4.5.3", replies[1000], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_huge_header_section_within_the_size_limit_is_accepted_whole()
    {
        var subject = ServerFixture.Unique("huge headers");
        var headers = new System.Text.StringBuilder();
        for (var i = 0; i < 5000; i++)
        {
            headers.Append("X-Filler-").Append(i).Append(": ").Append(new string('h', 150)).Append("\r\n");
        }

        await using var smtp = await RawSmtpConnection.OpenAsync(fixture.Server.SmtpPort);
        await smtp.CommandAsync("EHLO client.example");
        await smtp.CommandAsync("MAIL FROM:<someone@sender.example>");
        await smtp.CommandAsync($"RCPT TO:<{ServerFixture.Bob}>");
        await smtp.CommandAsync("DATA");
        await smtp.SendAsync($"Subject: {subject}\r\n{headers}\r\nbody\r\n.\r\n");
        Assert.StartsWith("250 2.0.0", await smtp.ReadReplyAsync(), StringComparison.Ordinal);

        var delivered = await fixture.WaitForMessageAsync(ServerFixture.Bob, Kakunin.Store.MailFolders.Inbox, m => m.Subject == subject, "the message with 5000 header fields");
        Assert.StartsWith("hhh", delivered.Headers["X-Filler-4999"], StringComparison.Ordinal);
    }
}
