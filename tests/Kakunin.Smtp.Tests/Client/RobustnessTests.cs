using System.Text;
using Kakunin.Protocol;
using Kakunin.Smtp.Client;
using Kakunin.Smtp.Dns;
using Microsoft.Extensions.Time.Testing;
using static Kakunin.Smtp.Tests.Client.ClientHarness;

namespace Kakunin.Smtp.Tests.Client;

/// <summary>Local failures and the RFC 5321 §4.5.3.2 timeouts on an injected clock.</summary>
public sealed class RobustnessTests
{
    [Fact]
    public async Task A_failing_message_store_never_sends_the_end_of_data()
    {
        string? received = null;
        await using var peer = new ScriptedSmtpPeer(async c =>
        {
            await c.GreetAsync("mx1.example.com");
            await c.ExpectAsync("MAIL FROM:<a@example.jp>");
            await c.ReplyAsync("250 ok");
            await c.ExpectAsync("RCPT TO:<b@example.com>");
            await c.ReplyAsync("250 ok");
            await c.ExpectAsync("DATA");
            await c.ReplyAsync("354 go");
            received = await c.ReadToEndAsync();
        });
        var message = new OutboundMessage("example.com", "a@example.jp", [To("b@example.com")],
            _ => ValueTask.FromResult<Stream>(new FailingStream(Encoding.ASCII.GetBytes("Subject: half\r\n\r\nfirst line\r\n"))));

        var results = await For(peer).SendAsync(message, TestContext.Current.CancellationToken);
        await peer.Completion;

        var r = Assert.Single(results);
        Assert.Equal(RecipientOutcomeKind.TransientFailure, r.Outcome);
        Assert.Equal(EnhancedStatusCodes.OtherMailSystem, r.Status);
        Assert.DoesNotContain("\r\n.\r\n", received, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_five_minute_greeting_timeout_runs_on_the_injected_clock()
    {
        var clock = new FakeTimeProvider();
        await using var peer = new ScriptedSmtpPeer(async c =>
        {
            try
            {
                await c.ReadToEndAsync(); // never greets
            }
            catch (IOException)
            {
                // the client gave up
            }
        });
        var transport = new SmtpOutboundTransport(
            new SmtpOutboundOptions { HeloName = "client.example", Port = 2525 }, // RFC 5321 default timeouts
            new LoopbackDialer(new Dictionary<string, int> { ["mx1.example.com"] = peer.Port }),
            new FakeMxResolver(MxResolution.Found(["mx1.example.com"])),
            clock);

        var send = transport.SendAsync(Message(SimpleContent, To("b@example.com")), TestContext.Current.CancellationToken);
        while (peer.Connections.Count == 0)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken); // connected before the clock moves
        }
        await Task.Delay(200, TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromMinutes(4));
        await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.False(send.IsCompleted, "4 minutes is within the 5-minute greeting timeout");
        clock.Advance(TimeSpan.FromMinutes(1.5));
        var results = await send.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        await peer.Completion;

        var r = Assert.Single(results);
        Assert.Equal(RecipientOutcomeKind.TransientFailure, r.Outcome);
        Assert.Contains("greeting", r.Detail, StringComparison.Ordinal);
    }
}
