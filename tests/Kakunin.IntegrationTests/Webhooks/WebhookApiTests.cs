using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Kakunin.Store.Api;

namespace Kakunin.IntegrationTests.Webhooks;

/// <summary><c>/api/v1/webhooks</c> against the real server: an endpoint made through the API gets signed events; only its owner sees it.</summary>
public sealed class WebhookApiTests
{
    [Fact]
    public async Task An_endpoint_created_through_the_API_gets_verified_events_and_only_its_owner_can_see_or_delete_it()
    {
        await using var server = await KakuninProcess.StartAsync(environment: new Dictionary<string, string>
        {
            ["KAKUNIN__WEBHOOKS__ALLOWPRIVATETARGETS"] = "true",
            ["KAKUNIN__WEBHOOKS__POLLINTERVAL"] = "00:00:00.200",
        });
        using var alice = await ClientAsync(server, ServerFixture.Alice);
        using var bob = await ClientAsync(server, ServerFixture.Bob);
        var port = KakuninProcess.FreePort();

        var bad = await alice.PostAsync("/api/v1/webhooks", Json(new { url = $"http://127.0.0.1:{port}/h", event_types = new[] { "delivered", "bounced" } }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        Assert.Contains("bounced", await bad.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await alice.PostAsync("/api/v1/webhooks", Json(new { url = "ftp://example.net/h", event_types = new[] { "delivered" } }), TestContext.Current.CancellationToken)).StatusCode);

        var created = await alice.PostAsync("/api/v1/webhooks", Json(new { url = $"http://127.0.0.1:{port}/h", event_types = new[] { "delivered" } }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var webhook = JsonDocument.Parse(await created.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        var id = webhook.GetProperty("id").GetString()!;
        var secret = webhook.GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal($"/api/v1/webhooks/{id}", created.Headers.Location?.OriginalString);

        await using var receiver = await NodeReceiver.StartAsync(secret, port);
        var (exit, output) = await ExternalClient.RunAsync(
            "swaks",
            ["--server", "127.0.0.1", "--port", server.SubmissionPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--tls",
             "--auth", "PLAIN", "--auth-user", ServerFixture.Alice, "--auth-password", KakuninProcess.Password, "--from", ServerFixture.Alice, "--to", ServerFixture.Bob]);
        Assert.True(exit == 0, output);
        var received = await receiver.WaitForAsync(w => w.Type == "message.delivered", "message.delivered");
        Assert.True(received.Verified, received.Error);

        await server.WaitForAsync(async () => (await alice.GetStringAsync($"/api/v1/webhooks/{id}/deliveries")).Contains("\"state\":\"delivered\"", StringComparison.Ordinal), "the delivery log");
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync($"/api/v1/webhooks/{id}", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.DeleteAsync($"/api/v1/webhooks/{id}", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await alice.DeleteAsync($"/api/v1/webhooks/{id}", TestContext.Current.CancellationToken)).StatusCode);
        Assert.DoesNotContain(id, await alice.GetStringAsync("/api/v1/webhooks", TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    private static StringContent Json(object value) => new(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");

    private static async Task<HttpClient> ClientAsync(KakuninProcess server, string user)
    {
        var text = ApiTokenText.New();
        await using (var store = await server.OpenStoreAsync())
        {
            Assert.NotNull(await store.ApiTokens.CreateAsync(user, "webhook test", text, DateTimeOffset.UtcNow, CancellationToken.None));
        }

        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{server.HttpPort}") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", text);
        return client;
    }
}
