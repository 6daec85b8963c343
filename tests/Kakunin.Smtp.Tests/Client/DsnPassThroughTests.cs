using Kakunin.Protocol;
using Kakunin.Smtp.Client;
using static Kakunin.Smtp.Tests.Client.ClientHarness;

namespace Kakunin.Smtp.Tests.Client;

/// <summary>RFC 3461 §4: DSN parameters go to a DSN-capable hop exactly as received, and are left off otherwise.</summary>
public sealed class DsnPassThroughTests
{
    private static readonly OutboundRecipient Bob = new("b@example.com", DsnNotify.Success | DsnNotify.Failure, "rfc822;b+2Bx@example.com");

    [Fact]
    public async Task Dsn_parameters_are_forwarded_byte_exact_when_advertised()
    {
        await using var peer = new ScriptedSmtpPeer(async c =>
        {
            await c.GreetAsync("mx1.example.com", "DSN", "ENHANCEDSTATUSCODES");
            await c.ExpectAsync("MAIL FROM:<a@example.jp> RET=HDRS ENVID=QQ314159");
            await c.ReplyAsync("250 2.1.0 ok");
            await c.ExpectAsync("RCPT TO:<b@example.com> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;b+2Bx@example.com");
            await c.ReplyAsync("250 2.1.5 ok");
            await c.AcceptDataAsync();
        });

        var results = await For(peer).SendAsync(Message(SimpleContent, "QQ314159", DsnReturn.Headers, Bob), TestContext.Current.CancellationToken);
        await peer.Completion;

        var r = Assert.Single(results);
        Assert.Equal(RecipientOutcomeKind.Accepted, r.Outcome);
        Assert.True(r.RemoteOffersDsn);
        Assert.Equal("mx1.example.com", r.RemoteMta);
        Assert.Equal(new EnhancedStatusCode(2, 0, 0), r.Status);
        Assert.Equal(250, r.Reply?.Code);
    }

    [Fact]
    public async Task Envid_is_xtext_encoded()
    {
        await using var peer = new ScriptedSmtpPeer(async c =>
        {
            await c.GreetAsync("mx1.example.com", "DSN");
            await c.ExpectAsync("MAIL FROM:<a@example.jp> RET=FULL ENVID=a+2Bb+3Dc+20d");
            await c.ReplyAsync("250 ok");
            await c.ExpectAsync("RCPT TO:<b@example.com> NOTIFY=NEVER");
            await c.ReplyAsync("250 ok");
            await c.AcceptDataAsync();
        });

        var results = await For(peer).SendAsync(
            Message(SimpleContent, "a+b=c d", DsnReturn.Full, new OutboundRecipient("b@example.com", DsnNotify.Never)),
            TestContext.Current.CancellationToken);
        await peer.Completion;
        Assert.Equal(RecipientOutcomeKind.Accepted, Assert.Single(results).Outcome);
    }

    [Fact]
    public async Task Without_dsn_advertised_no_dsn_parameters_are_sent_and_RemoteOffersDsn_is_false()
    {
        await using var peer = new ScriptedSmtpPeer(async c =>
        {
            await c.GreetAsync("mx1.example.com", "8BITMIME", "SIZE 1000000");
            await c.ExpectAsync($"MAIL FROM:<a@example.jp> SIZE={SimpleContent.Length}");
            await c.ReplyAsync("250 ok");
            await c.ExpectAsync("RCPT TO:<b@example.com>");
            await c.ReplyAsync("250 ok");
            await c.AcceptDataAsync("250 ok");
        });

        var results = await For(peer).SendAsync(Message(SimpleContent, "QQ314159", DsnReturn.Headers, Bob), TestContext.Current.CancellationToken);
        await peer.Completion;

        var r = Assert.Single(results);
        Assert.Equal(RecipientOutcomeKind.Accepted, r.Outcome);
        Assert.False(r.RemoteOffersDsn);
        Assert.Null(r.Status);
    }
}
