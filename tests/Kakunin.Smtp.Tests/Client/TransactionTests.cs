using Kakunin.Protocol;
using Kakunin.Smtp.Client;
using static Kakunin.Smtp.Tests.Client.ClientHarness;

namespace Kakunin.Smtp.Tests.Client;

/// <summary>Per-recipient outcomes from RCPT, DATA and the end-of-data reply; pipelining; dot-stuffing.</summary>
public sealed class TransactionTests
{
    [Fact]
    public async Task Pipelining_sends_mail_and_all_rcpts_before_reading_any_reply()
    {
        await using var peer = new ScriptedSmtpPeer(async c =>
        {
            await c.GreetAsync("mx1.example.com", "PIPELINING");
            // RFC 2920: the peer reads all three commands before answering any; a client that waited
            // for the MAIL reply would time out here.
            await c.ExpectAsync("MAIL FROM:<a@example.jp>");
            await c.ExpectAsync("RCPT TO:<b@example.com>");
            await c.ExpectAsync("RCPT TO:<nobody@example.com>");
            await c.ReplyAsync("250 2.1.0 ok", "250 2.1.5 ok", "550 5.1.1 no such user");
            await c.AcceptDataAsync();
        });

        var results = await For(peer).SendAsync(Message(SimpleContent, To("b@example.com"), To("nobody@example.com")), TestContext.Current.CancellationToken);
        await peer.Completion;

        Assert.Equal(RecipientOutcomeKind.Accepted, results[0].Outcome);
        Assert.Equal(RecipientOutcomeKind.PermanentFailure, results[1].Outcome);
        Assert.Equal(550, results[1].Reply?.Code);
        Assert.Equal(EnhancedStatusCodes.BadDestinationMailbox, results[1].Status);
        Assert.Equal(["no such user"], results[1].Reply?.Lines);
    }

    [Fact]
    public async Task Lines_starting_with_a_dot_are_stuffed_and_data_ends_with_crlf_dot_crlf()
    {
        string? sent = null;
        await using var peer = new ScriptedSmtpPeer(async c =>
        {
            await c.GreetAsync("mx1.example.com");
            await c.ExpectAsync("MAIL FROM:<a@example.jp>");
            await c.ReplyAsync("250 ok");
            await c.ExpectAsync("RCPT TO:<b@example.com>");
            await c.ReplyAsync("250 ok");
            sent = await c.AcceptDataAsync();
        });

        var content = ".first\r\nSubject: x\r\n\r\n.hidden\r\n..two\r\n.\r\nlast line without end";
        var results = await For(peer).SendAsync(Message(content, To("b@example.com")), TestContext.Current.CancellationToken);
        await peer.Completion;

        Assert.Equal(RecipientOutcomeKind.Accepted, Assert.Single(results).Outcome);
        Assert.Equal("..first\r\nSubject: x\r\n\r\n..hidden\r\n...two\r\n..\r\nlast line without end\r\n.\r\n", sent);
    }

    [Fact]
    public async Task Rcpt_452_is_transient_and_the_others_are_still_delivered()
    {
        await using var peer = new ScriptedSmtpPeer(async c =>
        {
            await c.GreetAsync("mx1.example.com", "ENHANCEDSTATUSCODES");
            await c.ExpectAsync("MAIL FROM:<a@example.jp>");
            await c.ReplyAsync("250 2.1.0 ok");
            await c.ExpectAsync("RCPT TO:<b@example.com>");
            await c.ReplyAsync("250 2.1.5 ok");
            await c.ExpectAsync("RCPT TO:<c@example.com>");
            await c.ReplyAsync("452 4.5.3 too many recipients");
            await c.AcceptDataAsync();
        });

        var results = await For(peer).SendAsync(Message(SimpleContent, To("b@example.com"), To("c@example.com")), TestContext.Current.CancellationToken);
        await peer.Completion;

        Assert.Equal(RecipientOutcomeKind.Accepted, results[0].Outcome);
        Assert.Equal(RecipientOutcomeKind.TransientFailure, results[1].Outcome);
        Assert.Equal(EnhancedStatusCodes.TooManyRecipients, results[1].Status);
    }

    [Fact]
    public async Task Data_554_is_permanent_for_every_accepted_recipient_only()
    {
        await using var peer = new ScriptedSmtpPeer(async c =>
        {
            await c.GreetAsync("mx1.example.com", "PIPELINING");
            await c.ExpectAsync("MAIL FROM:<a@example.jp>");
            await c.ExpectAsync("RCPT TO:<b@example.com>");
            await c.ExpectAsync("RCPT TO:<c@example.com>");
            await c.ExpectAsync("RCPT TO:<d@example.com>");
            await c.ReplyAsync("250 ok", "250 ok", "451 4.3.0 try later", "250 ok");
            await c.ExpectAsync("DATA");
            await c.ReplyAsync("354 go");
            await c.ReadDataAsync();
            await c.ReplyAsync("554 5.7.1 rejected as spam");
            await c.ExpectQuitAsync();
        });

        var results = await For(peer).SendAsync(Message(SimpleContent, To("b@example.com"), To("c@example.com"), To("d@example.com")), TestContext.Current.CancellationToken);
        await peer.Completion;

        Assert.Equal(RecipientOutcomeKind.PermanentFailure, results[0].Outcome);
        Assert.Equal(554, results[0].Reply?.Code);
        Assert.Equal(RecipientOutcomeKind.TransientFailure, results[1].Outcome);
        Assert.Equal(451, results[1].Reply?.Code);
        Assert.Equal(RecipientOutcomeKind.PermanentFailure, results[2].Outcome);
        Assert.Equal(EnhancedStatusCodes.DeliveryNotAuthorized, results[2].Status);
    }

    [Fact]
    public async Task Data_command_refused_applies_to_accepted_recipients()
    {
        await using var peer = new ScriptedSmtpPeer(async c =>
        {
            await c.GreetAsync("mx1.example.com");
            await c.ExpectAsync("MAIL FROM:<a@example.jp>");
            await c.ReplyAsync("250 ok");
            await c.ExpectAsync("RCPT TO:<b@example.com>");
            await c.ReplyAsync("250 ok");
            await c.ExpectAsync("DATA");
            await c.ReplyAsync("554 5.5.1 no valid recipients");
            await c.ExpectQuitAsync();
        });

        var results = await For(peer).SendAsync(Message(SimpleContent, To("b@example.com")), TestContext.Current.CancellationToken);
        await peer.Completion;
        Assert.Equal(RecipientOutcomeKind.PermanentFailure, Assert.Single(results).Outcome);
    }

    [Fact]
    public async Task Mail_from_refused_decides_every_recipient()
    {
        await using var peer = new ScriptedSmtpPeer(async c =>
        {
            await c.GreetAsync("mx1.example.com");
            await c.ExpectAsync("MAIL FROM:<a@example.jp>");
            await c.ReplyAsync("550 5.7.1 sender blocked");
            await c.ExpectQuitAsync();
        });

        var results = await For(peer).SendAsync(Message(SimpleContent, To("b@example.com"), To("c@example.com")), TestContext.Current.CancellationToken);
        await peer.Completion;
        Assert.All(results, r => Assert.Equal(RecipientOutcomeKind.PermanentFailure, r.Outcome));
        Assert.All(results, r => Assert.Equal(550, r.Reply?.Code));
    }

    [Fact]
    public async Task Connection_dropped_mid_data_is_transient_for_the_undecided()
    {
        await using var peer = new ScriptedSmtpPeer(async c =>
        {
            await c.GreetAsync("mx1.example.com");
            await c.ExpectAsync("MAIL FROM:<a@example.jp>");
            await c.ReplyAsync("250 ok");
            await c.ExpectAsync("RCPT TO:<b@example.com>");
            await c.ReplyAsync("250 ok");
            await c.ExpectAsync("RCPT TO:<gone@example.com>");
            await c.ReplyAsync("550 5.1.1 gone");
            await c.ExpectAsync("DATA");
            await c.ReplyAsync("354 go");
            await c.ReadSomeAsync(10);
            // The script returns: the peer closes the connection in the middle of the content.
        });

        var content = "Subject: big\r\n\r\n" + string.Concat(Enumerable.Repeat("0123456789abcdef0123456789abcdef\r\n", 20000));
        var results = await For(peer).SendAsync(Message(content, To("b@example.com"), To("gone@example.com")), TestContext.Current.CancellationToken);
        await peer.Completion;

        Assert.Equal(RecipientOutcomeKind.TransientFailure, results[0].Outcome);
        Assert.Equal(EnhancedStatusCodes.BadConnection, results[0].Status);
        Assert.Equal("mx1.example.com", results[0].RemoteMta);
        Assert.NotNull(results[0].Detail);
        Assert.Equal(RecipientOutcomeKind.PermanentFailure, results[1].Outcome);
    }

    [Fact]
    public async Task Reply_timeout_is_transient()
    {
        await using var peer = new ScriptedSmtpPeer(async c =>
        {
            await c.GreetAsync("mx1.example.com");
            await c.ExpectAsync("MAIL FROM:<a@example.jp>");
            await c.ReplyAsync("250 ok");
            await c.ExpectAsync("RCPT TO:<b@example.com>");
            await Task.Delay(1500); // no reply within the RCPT timeout
        });

        var timeouts = Fast with { Rcpt = TimeSpan.FromMilliseconds(300) };
        var results = await For(peer, timeouts).SendAsync(Message(SimpleContent, To("b@example.com")), TestContext.Current.CancellationToken);
        await peer.Completion;

        var r = Assert.Single(results);
        Assert.Equal(RecipientOutcomeKind.TransientFailure, r.Outcome);
        Assert.Contains("Timed out", r.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ehlo_5xx_falls_back_to_helo_without_extensions()
    {
        await using var peer = new ScriptedSmtpPeer(async c =>
        {
            await c.ReplyAsync("220 old.example.com SMTP");
            await c.ExpectAsync("EHLO client.example");
            await c.ReplyAsync("502 command not implemented");
            await c.ExpectAsync("HELO client.example");
            await c.ReplyAsync("250 old.example.com");
            await c.ExpectAsync("MAIL FROM:<a@example.jp>");
            await c.ReplyAsync("250 ok");
            await c.ExpectAsync("RCPT TO:<b@example.com>");
            await c.ReplyAsync("250 ok");
            await c.AcceptDataAsync("250 ok");
        });

        var message = Message(SimpleContent, "E1", DsnReturn.Full, new OutboundRecipient("b@example.com", DsnNotify.Success, "rfc822;b@example.com"));
        var results = await For(peer).SendAsync(message, TestContext.Current.CancellationToken);
        await peer.Completion;
        Assert.False(Assert.Single(results).RemoteOffersDsn);
    }

    [Fact]
    public async Task Smtputf8_is_sent_only_when_advertised()
    {
        await using var peer = new ScriptedSmtpPeer(async c =>
        {
            await c.GreetAsync("mx1.example.com", "SMTPUTF8", "8BITMIME");
            await c.ExpectAsync("MAIL FROM:<a@example.jp> BODY=8BITMIME SMTPUTF8");
            await c.ReplyAsync("250 ok");
            await c.ExpectAsync("RCPT TO:<δοκιμή@example.com>");
            await c.ReplyAsync("250 ok");
            await c.AcceptDataAsync("250 ok");
        });

        var message = Message(SimpleContent, To("δοκιμή@example.com")) with { SmtpUtf8 = true, Body = BodyType.EightBitMime };
        var results = await For(peer).SendAsync(message, TestContext.Current.CancellationToken);
        await peer.Completion;
        Assert.Equal(RecipientOutcomeKind.Accepted, Assert.Single(results).Outcome);
    }

    [Fact]
    public async Task Non_ascii_address_to_a_server_without_smtputf8_fails_permanently_without_mail()
    {
        await using var peer = new ScriptedSmtpPeer(async c =>
        {
            await c.GreetAsync("mx1.example.com", "8BITMIME");
            await c.ExpectQuitAsync();
        });

        var message = Message(SimpleContent, To("δοκιμή@example.com")) with { SmtpUtf8 = true };
        var results = await For(peer).SendAsync(message, TestContext.Current.CancellationToken);
        await peer.Completion;
        var r = Assert.Single(results);
        Assert.Equal(RecipientOutcomeKind.PermanentFailure, r.Outcome);
        Assert.Equal(EnhancedStatusCodes.NonAsciiAddressNotPermitted, r.Status);
    }
}
