using Kakunin.Protocol;

namespace Kakunin.Queue.Tests;

/// <summary>
/// RFC 5321 §4.5.1 (and RFC 2142): <c>RCPT TO:&lt;Postmaster&gt;</c> without a domain and postmaster@ every local
/// domain are accepted and reach a person: an explicit alias when there is one, else the administrators.
/// </summary>
public sealed class PostmasterTests
{
    private static readonly RcptToCommand DomainLess = new(ForwardPath.LocalPostmaster);

    [Fact]
    public async Task The_domain_less_Postmaster_reaches_the_administrator()
    {
        await using var f = await QueueFixture.CreateAsync(); // host mx.example.com is no local domain; example.com is
        await f.Store.Directory.SetAdminAsync("alice@example.com", true, default);

        var reply = await f.SubmitRawAsync(QueueFixture.Inbound, QueueFixture.From("x@other.test"), QueueFixture.Content("x@other.test", "postmaster", "Abuse report"), DomainLess);
        Assert.Equal(250, reply.Code);
        await f.RunAsync();
        await f.RunAsync();

        Assert.Equal("Abuse report", Subject(Assert.Single(await f.InboxAsync("alice@example.com")).Content.ToArray()));
        Assert.Empty(await f.InboxAsync("bob@example.com"));
    }

    [Fact]
    public async Task Postmaster_at_a_local_domain_without_alias_or_user_is_accepted_and_reaches_the_administrators()
    {
        await using var f = await QueueFixture.CreateAsync();
        await f.Store.Directory.SetAdminAsync("alice@example.com", true, default);
        await f.Store.Directory.SetAdminAsync("carol@example.com", true, default);

        Assert.Equal(250, (await f.SubmitAsync(QueueFixture.Inbound, QueueFixture.From("x@other.test"), QueueFixture.To("PostMaster@Example.COM"))).Code);
        await f.RunAsync();
        await f.RunAsync();

        Assert.Single(await f.InboxAsync("alice@example.com"));
        Assert.Single(await f.InboxAsync("carol@example.com"));
        Assert.Empty(await f.InboxAsync("bob@example.com"));
    }

    [Fact]
    public async Task An_explicit_postmaster_alias_decides_for_its_domain()
    {
        await using var f = await QueueFixture.CreateAsync();
        await f.Store.Directory.SetAdminAsync("alice@example.com", true, default);
        await f.Store.Directory.AddAliasAsync("postmaster@example.com", ["bob@example.com"], default);

        Assert.Equal(250, (await f.SubmitAsync(QueueFixture.Inbound, QueueFixture.From("x@other.test"), QueueFixture.To("postmaster@example.com"))).Code);
        await f.RunAsync();
        await f.RunAsync();

        Assert.Single(await f.InboxAsync("bob@example.com"));
        Assert.Empty(await f.InboxAsync("alice@example.com"));
    }

    [Fact]
    public async Task Without_an_administrator_or_alias_postmaster_is_refused_at_RCPT_rather_than_bounced_later()
    {
        await using var f = await QueueFixture.CreateAsync();

        Assert.Equal(550, (await f.SubmitAsync(QueueFixture.Inbound, QueueFixture.From("x@other.test"), QueueFixture.To("postmaster@example.com"))).Code);
        Assert.Equal(550, (await f.SubmitRawAsync(QueueFixture.Inbound, QueueFixture.From("x@other.test"), QueueFixture.Content("x@other.test", "postmaster"), DomainLess)).Code);
    }

    private static string? Subject(byte[] bytes) => MimeKit.MimeMessage.Load(new MemoryStream(bytes)).Subject;
}
