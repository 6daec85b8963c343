using System.Net;
using Kakunin.IntegrationTests;
using Kakunin.WebTests.Infrastructure;
using MimeKit;
using static Kakunin.WebTests.Api.ApiRequests;

namespace Kakunin.WebTests.Api;

/// <summary>
/// Issue 16: the display name a user set in the webmail (migration 16) is the display-name of the From the API writes
/// when the request gives none (RFC 5322 §3.4), encoded by MimeKit (RFC 2047) so a Japanese name arrives intact; a
/// name in the request wins.
/// </summary>
[Collection(ApiServerCollection.Name)]
public sealed class DisplayNameApiTests(ApiServerFixture api)
{
    [Fact]
    public async Task The_users_display_name_is_in_the_from_unless_the_request_names_another()
    {
        var user = $"hanako-{Guid.NewGuid():N}"[..15] + "@example.test";
        await using (var store = await api.Server.OpenStoreAsync())
        {
            await store.Directory.AddUserAsync(user, KakuninProcess.Password, CancellationToken.None);
            Assert.True(await store.Directory.SetDisplayNameAsync(user, "  山田 花子 ", CancellationToken.None));
            Assert.Equal("山田 花子", await store.Directory.GetDisplayNameAsync(user, CancellationToken.None));
        }

        var (_, token) = await api.CreateTokenAsync(user);
        using var client = api.Client(token);
        var plain = "No name given " + user;
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(client, Simple(user, WebServer.Bob, plain))).StatusCode);
        var named = "A name given " + user;
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(client, Json($$"""
            {"from":{"address":"{{user}}","name":"Hanako at Work"},"to":[{"address":"{{WebServer.Bob}}"}],"subject":"{{named}}","text":"Hi."}
            """))).StatusCode);

        var arrived = await api.Server.WaitForMessageAsync(WebServer.Bob, "Inbox", m => m.Subject == plain, "the message without a name");
        var from = (MailboxAddress)arrived.From[0];
        Assert.Equal("山田 花子", from.Name);
        Assert.Equal(user, from.Address);
        // On the wire the name is an RFC 2047 encoded-word (the message is 7-bit), never raw UTF-8 in the header.
        var raw = System.Text.Encoding.UTF8.GetString(arrived.Headers.First(h => h.Id == HeaderId.From).RawValue);
        Assert.Contains("=?utf-8?", raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("山田", raw, StringComparison.Ordinal);
        Assert.Equal("Hanako at Work", ((MailboxAddress)(await api.Server.WaitForMessageAsync(WebServer.Bob, "Inbox", m => m.Subject == named, "the named one")).From[0]).Name);
    }
}
