using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kakunin.WebTests.Infrastructure;
using static Kakunin.WebTests.Api.ApiRequests;

namespace Kakunin.WebTests.Api;

/// <summary>Who may call the API and how often: tokens, revocation, other users' mail, the rate limit.</summary>
[Collection(ApiServerCollection.Name)]
public sealed class AccessApiTests(ApiServerFixture api)
{
    [Fact]
    public async Task Without_a_token_the_api_answers_401_with_a_bearer_challenge_never_the_sign_in_page()
    {
        using var client = api.Client(null);
        foreach (var path in new[] { "/api/v1/tracking", "/api/v1/messages/msg_1", "/api/v1/no-such-thing", "/api/other" })
        {
            using var response = await client.GetAsync(path);
            var problem = await ProblemAsync(response, 401);
            Assert.Equal("no-token", Kind(problem));
            // RFC 6750 §3.1: no error code when the request had no token at all.
            Assert.Equal("Bearer realm=\"kakunin\"", response.Headers.WwwAuthenticate.ToString());
        }

        // A session cookie is not an API credential either: the webmail's sign-in does not open the API.
        using var web = new Kakunin.IntegrationTests.Hardening.WebSignIn(api.Server.HttpPort, IPAddress.Loopback);
        using (var signIn = await web.PostAsync(WebServer.Alice, Kakunin.IntegrationTests.KakuninProcess.Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        }

        using var withCookie = await web.GetAsync("/api/v1/tracking");
        await ProblemAsync(withCookie, 401);
    }

    [Fact]
    public async Task An_unknown_token_and_a_revoked_one_are_401_invalid_token()
    {
        using (var unknown = api.Client("kk_" + new string('A', 43)))
        using (var response = await unknown.GetAsync("/api/v1/tracking"))
        {
            Assert.Equal("invalid-token", Kind(await ProblemAsync(response, 401)));
            Assert.Contains("error=\"invalid_token\"", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }

        var (id, token) = await api.CreateTokenAsync(WebServer.Alice, "to be revoked");
        using var client = api.Client(token);
        using (var before = await client.GetAsync("/api/v1/tracking"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        // Revoked from the command line while the server runs: the very next request is refused.
        var (exit, _, error) = await Kakunin.IntegrationTests.KakuninCli.RunAsync("token", "revoke", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--data", api.Server.DataDirectory);
        Assert.True(exit == 0, error);
        using var after = await client.GetAsync("/api/v1/tracking");
        var problem = await ProblemAsync(after, 401);
        Assert.Contains("revoked", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var send = await SendAsync(client, Simple("alice@example.test", "bob@example.test", "After revocation"));
        await ProblemAsync(send, 401);
    }

    [Fact]
    public async Task A_token_of_another_user_sees_none_of_alices_mail_404_not_403()
    {
        var (_, alice) = await api.CreateTokenAsync(WebServer.Alice);
        var (_, bob) = await api.CreateTokenAsync(WebServer.Bob);
        using var aliceClient = api.Client(alice);
        using var bobClient = api.Client(bob);
        using var sent = await SendAsync(aliceClient, Simple("alice@example.test", "nobody@remote.test", "Alice's private message"));
        var id = (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var failed = await api.WaitForStateAsync(aliceClient, id, "nobody@remote.test", "failed");
        var eventId = failed.GetProperty("events").EnumerateArray().Last().GetProperty("id").GetString();

        using (var response = await bobClient.GetAsync($"/api/v1/messages/{id}"))
        {
            Assert.Equal("not-found", Kind(await ProblemAsync(response, 404)));
        }

        using (var response = await bobClient.GetAsync($"/api/v1/messages/{id}/evidence/{eventId}"))
        {
            await ProblemAsync(response, 404);
        }

        // Bob's lists and feed do not hold it; an id that does not exist reads the same as Alice's.
        var list = await bobClient.GetFromJsonAsync<JsonElement>("/api/v1/tracking?state=failed");
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), i => i.GetProperty("message_id").GetString() == id);
        var feed = await bobClient.GetFromJsonAsync<JsonElement>("/api/v1/events?limit=500");
        Assert.DoesNotContain(feed.GetProperty("events").EnumerateArray(), e => e.GetProperty("data").GetProperty("message_id").GetString() == id);
        using var missing = await bobClient.GetAsync("/api/v1/messages/msg_999999");
        Assert.Equal("Not found", (await ProblemAsync(missing, 404)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Beyond_the_per_token_limit_the_answer_is_429_with_retry_after_and_other_tokens_go_on()
    {
        var (_, token) = await api.CreateTokenAsync(WebServer.Alice, "busy");
        var (_, other) = await api.CreateTokenAsync(WebServer.Alice, "quiet");
        using var client = api.Client(token);
        for (var i = 0; i < ApiServerFixture.RequestsPerMinute; i++)
        {
            using var ok = await client.GetAsync("/api/v1/events?limit=1");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var refused = await client.GetAsync("/api/v1/events?limit=1");
        Assert.Equal("rate-limited", Kind(await ProblemAsync(refused, 429)));
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);

        using var quiet = api.Client(other);
        using var stillOk = await quiet.GetAsync("/api/v1/events?limit=1");
        Assert.Equal(HttpStatusCode.OK, stillOk.StatusCode);
    }

    [Fact]
    public async Task A_client_guessing_tokens_meets_429_per_address_while_others_go_on()
    {
        var (_, token) = await api.CreateTokenAsync(WebServer.Alice, "beside a guesser");
        using var guesser = FromAddress("127.0.0.77", null);
        for (var i = 0; i < ApiServerFixture.RequestsPerMinute; i++)
        {
            using var guess = new HttpRequestMessage(HttpMethod.Get, "/api/v1/tracking");
            guess.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "kk_" + Convert.ToHexString(BitConverter.GetBytes(i)).PadRight(43, 'A'));
            using var wrong = await guesser.SendAsync(guess);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using var refused = await guesser.GetAsync("/api/v1/tracking");
        Assert.Equal("rate-limited", Kind(await ProblemAsync(refused, 429)));
        Assert.InRange(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);

        // Per address: another address without a token is still told 401, and a good token is served.
        using var other = FromAddress("127.0.0.78", null);
        using (var stillAsked = await other.GetAsync("/api/v1/tracking"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, stillAsked.StatusCode);
        }

        using var holder = api.Client(token);
        using var served = await holder.GetAsync("/api/v1/tracking");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    [Fact]
    public async Task A_message_sent_between_two_tracking_pages_is_neither_skipped_nor_repeated()
    {
        var (_, token) = await api.CreateTokenAsync(WebServer.Alice, "keyset");
        using var client = api.Client(token);
        var sent = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            sent.Add(await SentRecipientAsync(client, $"Keyset {i}"));
        }

        await api.Server.WaitForEmptyQueueAsync();
        var first = await client.GetFromJsonAsync<JsonElement>("/api/v1/tracking?limit=2");
        var cursor = first.GetProperty("next_cursor").GetString()!;
        var late = await SentRecipientAsync(client, "Keyset late"); // newest first: it belongs above the first page
        var second = await client.GetFromJsonAsync<JsonElement>("/api/v1/tracking?limit=2&cursor=" + cursor);

        var firstIds = Ids(first);
        var secondIds = Ids(second);
        Assert.Equal([sent[2], sent[1]], firstIds);
        Assert.Equal(sent[0], secondIds[0]); // page numbers would show sent[1] again here
        Assert.Empty(firstIds.Intersect(secondIds));
        Assert.DoesNotContain(late, secondIds);
    }

    private static List<string> Ids(JsonElement page) =>
        [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("recipient_id").GetString()!)];

    private static async Task<string> SentRecipientAsync(HttpClient client, string subject)
    {
        using var response = await SendAsync(client, Simple("alice@example.test", "bob@example.test", subject));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("recipients").EnumerateArray().Single().GetProperty("id").GetString()!;
    }

    // A client whose connections come from another loopback address (127.0.0.0/8), as another machine's would.
    private HttpClient FromAddress(string local, string? token)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(local), 0));
                    await socket.ConnectAsync(IPAddress.Loopback, context.DnsEndPoint.Port, cancellationToken);
                    return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        var client = new HttpClient(handler) { BaseAddress = new Uri($"http://127.0.0.1:{api.Server.HttpPort}") };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    [Fact]
    public async Task The_openapi_document_describes_the_api_and_needs_no_token()
    {
        using var client = api.Client(null);
        var document = await client.GetFromJsonAsync<JsonElement>("/api/v1/openapi.json");
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/messages", paths);
        Assert.Contains("/api/v1/messages/{id}", paths);
        Assert.Contains("/api/v1/tracking", paths);
        Assert.Contains("/api/v1/events", paths);
        Assert.Contains("/api/v1/events/{eventId}/evidence", paths);
        Assert.All(paths, p => Assert.StartsWith("/api/", p, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Paging_the_tracking_list_and_the_event_feed_with_their_cursors_gives_every_entry_once()
    {
        var (_, token) = await api.CreateTokenAsync(WebServer.Alice);
        using var client = api.Client(token);
        for (var i = 0; i < 3; i++)
        {
            using var _ = await SendAsync(client, Simple("alice@example.test", $"bob@example.test", $"Paging {i}"));
        }

        await api.Server.WaitForEmptyQueueAsync();
        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/tracking?limit=1" + (cursor is null ? "" : "&cursor=" + cursor));
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("recipient_id").GetString()!));
            cursor = page.GetProperty("next_cursor").GetString();
        }
        while (cursor is not null);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.True(seen.Count >= 3);

        var events = new List<string>();
        string after = "";
        while (true)
        {
            var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/events?limit=2&after=" + after);
            events.AddRange(page.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("data").GetProperty("event_id").GetString()!));
            after = page.GetProperty("next_cursor").GetString()!;
            if (!page.GetProperty("has_more").GetBoolean())
            {
                break;
            }
        }

        Assert.Equal(events.Count, events.Distinct().Count());
        Assert.Equal(events.OrderBy(e => long.Parse(e[4..], System.Globalization.CultureInfo.InvariantCulture)), events);

        using var bad = await client.GetAsync("/api/v1/tracking?state=lost");
        Assert.Equal("invalid-parameter", Kind(await ProblemAsync(bad, 400)));
    }
}
