using Kakunin.Protocol;
using Kakunin.Smtp.Server;

namespace Kakunin.Queue.Tests;

public sealed class PolicyTests
{
    [Fact]
    public async Task Inbound_to_a_remote_domain_is_relay_denied()
    {
        await using var f = await QueueFixture.CreateAsync();
        var reply = await f.SubmitAsync(QueueFixture.Inbound, QueueFixture.From("x@other.test"), QueueFixture.To("y@elsewhere.test"));
        Assert.Equal(550, reply.Code);
        Assert.Equal(EnhancedStatusCodes.DeliveryNotAuthorized, reply.EnhancedCode);
    }

    [Fact]
    public async Task Unknown_local_user_is_refused_at_RCPT_with_5_1_1()
    {
        await using var f = await QueueFixture.CreateAsync();
        var reply = await f.SubmitAsync(QueueFixture.Inbound, QueueFixture.From("x@other.test"), QueueFixture.To("nobody@example.com"));
        Assert.Equal(550, reply.Code);
        Assert.Equal(EnhancedStatusCodes.BadDestinationMailbox, reply.EnhancedCode);
    }

    [Fact]
    public async Task Users_and_aliases_are_accepted_and_the_250_names_the_queue_id()
    {
        await using var f = await QueueFixture.CreateAsync();
        var reply = await f.SubmitAsync(QueueFixture.Inbound, QueueFixture.From("x@other.test"), QueueFixture.To("team@example.com"), QueueFixture.To("BOB@example.com"));
        Assert.Equal(250, reply.Code);
        Assert.Equal(EnhancedStatusCodes.Success, reply.EnhancedCode);
        var queued = Assert.Single(await f.Store.Queue.ListMessagesAsync(TestContext.Current.CancellationToken));
        Assert.Contains(queued.QueueId, reply.Lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authenticated_users_may_relay_but_only_as_themselves_or_their_aliases()
    {
        await using var f = await QueueFixture.CreateAsync();
        var session = QueueFixture.Submission("alice@example.com");
        Assert.Equal(250, (await f.SubmitAsync(session, QueueFixture.From("alice@example.com"), QueueFixture.To("y@elsewhere.test"))).Code);
        Assert.Equal(250, (await f.SubmitAsync(session, QueueFixture.From("sales@example.com"), QueueFixture.To("y@elsewhere.test"))).Code);
        var forged = await f.SubmitAsync(session, QueueFixture.From("bob@example.com"), QueueFixture.To("y@elsewhere.test"));
        Assert.Equal(553, forged.Code);
        Assert.Equal(EnhancedStatusCodes.DeliveryNotAuthorized, forged.EnhancedCode);
    }

    [Fact]
    public async Task Inbound_from_a_trusted_peer_network_is_sender_verified_but_may_not_relay()
    {
        var options = new QueueOptions { HostName = "mx.example.com", TrustedNetworks = [System.Net.IPNetwork.Parse("10.1.0.0/16")] };
        await using var f = await QueueFixture.CreateAsync(options);
        var peer = QueueFixture.Inbound with { RemoteEndPoint = new System.Net.IPEndPoint(System.Net.IPAddress.Parse("::ffff:10.1.2.3"), 40000) };
        var stranger = QueueFixture.Inbound with { RemoteEndPoint = new System.Net.IPEndPoint(System.Net.IPAddress.Parse("10.2.0.1"), 40000) };

        Assert.Equal(250, (await f.SubmitAsync(peer, QueueFixture.From("x@peer.test", "from-peer"), QueueFixture.To("bob@example.com"))).Code);
        Assert.Equal(250, (await f.SubmitAsync(stranger, QueueFixture.From("x@other.test", "from-stranger"), QueueFixture.To("bob@example.com"))).Code);
        Assert.Equal(550, (await f.SubmitAsync(peer, QueueFixture.From("x@peer.test"), QueueFixture.To("y@elsewhere.test"))).Code); // not a relay permission

        var queued = await f.Store.Queue.ListMessagesAsync(TestContext.Current.CancellationToken);
        Assert.True(Assert.Single(queued, m => m.EnvelopeId == "from-peer").SenderVerified);
        Assert.False(Assert.Single(queued, m => m.EnvelopeId == "from-stranger").SenderVerified);
    }

    [Fact]
    public async Task Submission_without_authentication_is_refused()
    {
        await using var f = await QueueFixture.CreateAsync();
        var session = QueueFixture.Submission("alice@example.com") with { AuthenticatedUser = null };
        Assert.Equal(530, (await f.SubmitAsync(session, QueueFixture.From("alice@example.com"), QueueFixture.To("bob@example.com"))).Code);
    }

    [Fact]
    public async Task Authenticate_checks_the_stored_hash()
    {
        await using var f = await QueueFixture.CreateAsync();
        var session = QueueFixture.Submission("alice@example.com") with { AuthenticatedUser = null };
        Assert.Equal(SmtpAuthResult.Accepted("alice@example.com"), await f.Backend.AuthenticateAsync(session, "Alice@Example.com", "alice-pw", TestContext.Current.CancellationToken));
        Assert.Equal(SmtpAuthResult.Wrong, await f.Backend.AuthenticateAsync(session, "alice@example.com", "wrong", TestContext.Current.CancellationToken));
        Assert.Equal(SmtpAuthResult.Wrong, await f.Backend.AuthenticateAsync(session, "nobody@example.com", "alice-pw", TestContext.Current.CancellationToken));
    }
}
