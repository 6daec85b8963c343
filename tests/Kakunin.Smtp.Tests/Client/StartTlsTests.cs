using Kakunin.Smtp.Client;
using static Kakunin.Smtp.Tests.Client.ClientHarness;

namespace Kakunin.Smtp.Tests.Client;

/// <summary>Opportunistic STARTTLS (RFC 3207) against a self-signed certificate made in the test.</summary>
public sealed class StartTlsTests
{
    [Fact]
    public async Task Starttls_with_a_self_signed_certificate_then_ehlo_again()
    {
        using var certificate = SelfSignedCertificate("mx1.example.com");
        await using var peer = new ScriptedSmtpPeer(async c =>
        {
            await c.GreetAsync("mx1.example.com", "STARTTLS", "PIPELINING");
            await c.ExpectAsync("STARTTLS");
            await c.ReplyAsync("220 2.0.0 ready to start TLS");
            await c.StartTlsAsync(certificate);
            // RFC 3207 §4.2: the client forgets the first EHLO and asks again; DSN appears only now.
            await c.ExpectAsync("EHLO client.example");
            await c.EhloReplyAsync("mx1.example.com", "DSN");
            await c.ExpectAsync("MAIL FROM:<a@example.jp>");
            await c.ReplyAsync("250 ok");
            await c.ExpectAsync("RCPT TO:<b@example.com> NOTIFY=SUCCESS");
            await c.ReplyAsync("250 ok");
            await c.AcceptDataAsync();
        });

        var message = Message(SimpleContent, new OutboundRecipient("b@example.com", Kakunin.Protocol.DsnNotify.Success));
        var results = await For(peer).SendAsync(message, TestContext.Current.CancellationToken);
        await peer.Completion;

        var r = Assert.Single(results);
        Assert.Equal(RecipientOutcomeKind.Accepted, r.Outcome);
        Assert.True(r.RemoteOffersDsn);
    }

    [Fact]
    public async Task Starttls_refused_continues_in_plaintext()
    {
        await using var peer = new ScriptedSmtpPeer(async c =>
        {
            await c.GreetAsync("mx1.example.com", "STARTTLS");
            await c.ExpectAsync("STARTTLS");
            await c.ReplyAsync("454 4.7.0 TLS not available");
            await c.ExpectAsync("MAIL FROM:<a@example.jp>");
            await c.ReplyAsync("250 ok");
            await c.ExpectAsync("RCPT TO:<b@example.com>");
            await c.ReplyAsync("250 ok");
            await c.AcceptDataAsync();
        });

        var results = await For(peer).SendAsync(Message(SimpleContent, To("b@example.com")), TestContext.Current.CancellationToken);
        await peer.Completion;
        Assert.Equal(RecipientOutcomeKind.Accepted, Assert.Single(results).Outcome);
    }

    [Fact]
    public async Task Failed_handshake_reconnects_to_the_same_host_without_tls()
    {
        await using var peer = new ScriptedSmtpPeer(
            async c =>
            {
                await c.GreetAsync("mx1.example.com", "STARTTLS");
                await c.ExpectAsync("STARTTLS");
                await c.ReplyAsync("220 ready");
                await c.ReadSomeAsync(1); // the ClientHello has arrived; answer it with garbage
                await c.ReplyAsync("this is not a TLS server hello");
            },
            async c =>
            {
                await c.GreetAsync("mx1.example.com", "STARTTLS");
                // Second connection: no STARTTLS this time.
                await c.ExpectAsync("MAIL FROM:<a@example.jp>");
                await c.ReplyAsync("250 ok");
                await c.ExpectAsync("RCPT TO:<b@example.com>");
                await c.ReplyAsync("250 ok");
                await c.AcceptDataAsync();
            });

        var results = await For(peer).SendAsync(Message(SimpleContent, To("b@example.com")), TestContext.Current.CancellationToken);
        await peer.Completion;
        Assert.Equal(RecipientOutcomeKind.Accepted, Assert.Single(results).Outcome);
    }

    [Fact]
    public async Task Data_after_the_starttls_reply_is_refused_before_the_handshake()
    {
        await using var peer = new ScriptedSmtpPeer(async c =>
        {
            await c.GreetAsync("mx1.example.com", "STARTTLS");
            await c.ExpectAsync("STARTTLS");
            // CVE-2011-0411 family: plaintext that would be read as if it came over TLS.
            await c.ReplyAsync("220 ready", "250 injected");
            try
            {
                await c.ReadLineAsync();
            }
            catch (EndOfStreamException)
            {
                // expected: the client hangs up
            }
        });

        var results = await For(peer).SendAsync(Message(SimpleContent, To("b@example.com")), TestContext.Current.CancellationToken);
        await peer.Completion;
        var r = Assert.Single(results);
        Assert.Equal(RecipientOutcomeKind.TransientFailure, r.Outcome);
        Assert.Contains("after its STARTTLS reply", r.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failed_handshake_without_plaintext_fallback_is_transient_4_7_5()
    {
        await using var peer = new ScriptedSmtpPeer(async c =>
        {
            await c.GreetAsync("mx1.example.com", "STARTTLS");
            await c.ExpectAsync("STARTTLS");
            await c.ReplyAsync("220 ready");
            await c.ReadSomeAsync(1);
            await c.ReplyAsync("not TLS");
        });
        var transport = new SmtpOutboundTransport(
            new SmtpOutboundOptions { HeloName = "client.example", Port = 2525, Timeouts = Fast, PlaintextAfterTlsFailure = false },
            new LoopbackDialer(new Dictionary<string, int> { ["mx1.example.com"] = peer.Port }),
            new FakeMxResolver(Kakunin.Smtp.Dns.MxResolution.Found(["mx1.example.com"])),
            TimeProvider.System);

        var results = await transport.SendAsync(Message(SimpleContent, To("b@example.com")), TestContext.Current.CancellationToken);
        await peer.Completion;
        var r = Assert.Single(results);
        Assert.Equal(RecipientOutcomeKind.TransientFailure, r.Outcome);
        Assert.Equal(new Kakunin.Protocol.EnhancedStatusCode(4, 7, 5), r.Status);
        Assert.Equal("mx1.example.com", r.RemoteMta);
    }
}
