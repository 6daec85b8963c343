using System.Net;
using System.Net.Sockets;
using Kakunin.Protocol;
using Kakunin.Smtp.Client;
using Kakunin.Smtp.Dns;
using static Kakunin.Smtp.Tests.Client.ClientHarness;

namespace Kakunin.Smtp.Tests.Client;

/// <summary>MX hosts in order until one answers (RFC 5321 §5.1); smarthost; DNS failures become outcomes.</summary>
public sealed class HostSelectionTests
{
    [Fact]
    public async Task Greeting_421_moves_on_to_the_next_mx()
    {
        await using var busy = new ScriptedSmtpPeer(async c =>
        {
            await c.ReplyAsync("421 4.3.2 mx1.example.com busy");
            await c.ExpectQuitAsync();
        });
        await using var good = new ScriptedSmtpPeer(Accepting("mx2.example.com"));
        var transport = Transport(
            new Dictionary<string, int> { ["mx1.example.com"] = busy.Port, ["mx2.example.com"] = good.Port },
            ["mx1.example.com", "mx2.example.com"]);

        var results = await transport.SendAsync(Message(SimpleContent, To("b@example.com")), TestContext.Current.CancellationToken);
        await Task.WhenAll(busy.Completion, good.Completion);

        var r = Assert.Single(results);
        Assert.Equal(RecipientOutcomeKind.Accepted, r.Outcome);
        Assert.Equal("mx2.example.com", r.RemoteMta);
        Assert.True(r.RemoteOffersDsn);
    }

    [Fact]
    public async Task Refused_connection_moves_on_to_the_next_mx()
    {
        var closedPort = ClosedLoopbackPort();
        await using var good = new ScriptedSmtpPeer(Accepting("mx2.example.com"));
        var dialer = new LoopbackDialer(new Dictionary<string, int> { ["mx1.example.com"] = closedPort, ["mx2.example.com"] = good.Port });
        var transport = Transport(dialer, new FakeMxResolver(MxResolution.Found(["mx1.example.com", "mx2.example.com"])));

        var results = await transport.SendAsync(Message(SimpleContent, To("b@example.com")), TestContext.Current.CancellationToken);
        await good.Completion;

        Assert.Equal(RecipientOutcomeKind.Accepted, Assert.Single(results).Outcome);
        Assert.Equal(["mx1.example.com:2525", "mx2.example.com:2525"], dialer.Dialed);
    }

    [Fact]
    public async Task No_host_answering_is_transient_with_4_4_1()
    {
        var dialer = new LoopbackDialer(new Dictionary<string, int>());
        var transport = Transport(dialer, new FakeMxResolver(MxResolution.Found(["mx1.example.com", "mx2.example.com"])));

        var results = await transport.SendAsync(Message(SimpleContent, To("b@example.com"), To("c@example.com")), TestContext.Current.CancellationToken);

        Assert.All(results, r =>
        {
            Assert.Equal(RecipientOutcomeKind.TransientFailure, r.Outcome);
            Assert.Equal(EnhancedStatusCodes.NoAnswerFromHost, r.Status);
            Assert.Null(r.RemoteMta);
            Assert.Contains("mx2.example.com", r.Detail, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Greeting_554_on_the_only_host_defers()
    {
        await using var peer = new ScriptedSmtpPeer(async c =>
        {
            await c.ReplyAsync("554 5.7.1 no mail from you");
            await c.ExpectQuitAsync();
        });

        var results = await For(peer).SendAsync(Message(SimpleContent, To("b@example.com")), TestContext.Current.CancellationToken);
        await peer.Completion;

        var r = Assert.Single(results);
        Assert.Equal(RecipientOutcomeKind.TransientFailure, r.Outcome);
        Assert.Equal(554, r.Reply?.Code);
        Assert.Equal("mx1.example.com", r.RemoteMta);
    }

    [Fact]
    public async Task Smarthost_bypasses_mx()
    {
        await using var relay = new ScriptedSmtpPeer(Accepting("relay.example.net"));
        var dialer = new LoopbackDialer(new Dictionary<string, int> { ["relay.example.net"] = relay.Port });
        var transport = new SmtpOutboundTransport(
            new SmtpOutboundOptions { HeloName = "client.example", Smarthost = new DnsEndPoint("relay.example.net", 587), Timeouts = Fast },
            dialer,
            new FakeMxResolver(MxResolution.Failed(new MxFailure(EnhancedStatusCodes.RecipientNullMx, "must not be asked"))),
            TimeProvider.System);

        var results = await transport.SendAsync(Message(SimpleContent, To("b@example.com")), TestContext.Current.CancellationToken);
        await relay.Completion;

        Assert.Equal(RecipientOutcomeKind.Accepted, Assert.Single(results).Outcome);
        Assert.Equal(["relay.example.net:587"], dialer.Dialed);
    }

    [Theory]
    [InlineData(5, 1, 10, RecipientOutcomeKind.PermanentFailure)]
    [InlineData(5, 1, 2, RecipientOutcomeKind.PermanentFailure)]
    [InlineData(4, 4, 3, RecipientOutcomeKind.TransientFailure)]
    public async Task Mx_failures_become_outcomes_without_connecting(int @class, int subject, int detail, RecipientOutcomeKind expected)
    {
        var status = new EnhancedStatusCode(@class, subject, detail);
        var dialer = new LoopbackDialer(new Dictionary<string, int>());
        var transport = Transport(dialer, new FakeMxResolver(MxResolution.Failed(new MxFailure(status, "why"))));

        var results = await transport.SendAsync(Message(SimpleContent, To("b@example.com")), TestContext.Current.CancellationToken);

        var r = Assert.Single(results);
        Assert.Equal(expected, r.Outcome);
        Assert.Equal(status, r.Status);
        Assert.Equal("why", r.Detail);
        Assert.Empty(dialer.Dialed);
    }

    [Fact]
    public async Task Invalid_recipient_is_refused_locally_and_the_rest_delivered()
    {
        await using var peer = new ScriptedSmtpPeer(Accepting("mx1.example.com"));
        var results = await For(peer).SendAsync(
            Message(SimpleContent, To("b@example.com"), To("evil@example.com>\r\nRSET")),
            TestContext.Current.CancellationToken);
        await peer.Completion;

        Assert.Equal(RecipientOutcomeKind.Accepted, results[0].Outcome);
        Assert.Equal(RecipientOutcomeKind.PermanentFailure, results[1].Outcome);
        Assert.Equal(EnhancedStatusCodes.BadDestinationMailboxSyntax, results[1].Status);
    }

    [Fact]
    public async Task Envid_that_xtext_cannot_carry_is_refused_locally()
    {
        var dialer = new LoopbackDialer(new Dictionary<string, int>());
        var transport = Transport(dialer, new FakeMxResolver(MxResolution.Found(["mx1.example.com"])));

        var results = await transport.SendAsync(Message(SimpleContent, "封筒", null, To("b@example.com")), TestContext.Current.CancellationToken);

        var r = Assert.Single(results);
        Assert.Equal(RecipientOutcomeKind.PermanentFailure, r.Outcome);
        Assert.Equal(EnhancedStatusCodes.InvalidArguments, r.Status);
        Assert.Empty(dialer.Dialed);
    }

    private static int ClosedLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
