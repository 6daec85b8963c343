using System.Net;
using Kakunin.IntegrationTests;
using Kakunin.Store.Contacts;
using Kakunin.WebTests.Api;
using Kakunin.WebTests.Infrastructure;
using static Kakunin.WebTests.Api.ApiRequests;

namespace Kakunin.WebTests.Contacts;

/// <summary>Issue 16 item 3: a message sent over the API adds its recipients to the sender's address book, with the name given.</summary>
[Collection(ApiServerCollection.Name)]
public sealed class ApiCollectionTests(ApiServerFixture api)
{
    [Fact]
    public async Task Recipients_of_an_api_send_are_collected_for_the_sender_only()
    {
        var user = $"collect-{Guid.NewGuid():N}"[..16] + "@example.test";
        await using (var store = await api.Server.OpenStoreAsync())
        {
            await store.Directory.AddUserAsync(user, KakuninProcess.Password, CancellationToken.None);
        }

        var (_, token) = await api.CreateTokenAsync(user);
        using var client = api.Client(token);
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(client, Json($$"""
            {"from":{"address":"{{user}}"},"to":[{"address":"{{WebServer.Bob}}","name":"Bob Builder"}],"subject":"Collected over the API","text":"Hi."}
            """))).StatusCode);

        await using (var store = await api.Server.OpenStoreAsync())
        {
            var book = new ContactBook(store);
            var bob = Assert.Single((await book.ListAsync(user, null, 10, CancellationToken.None)).Contacts);
            Assert.Equal((WebServer.Bob, "Bob Builder", false, 1L), (bob.Address, bob.Name, bob.Saved, bob.TimesUsed));
            Assert.Empty(await book.SuggestAsync(WebServer.Bob, "bob", 8, CancellationToken.None)); // nobody else's book changed
        }
    }
}
