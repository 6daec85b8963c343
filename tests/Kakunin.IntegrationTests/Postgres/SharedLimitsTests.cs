using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Kakunin.IntegrationTests.Hardening;
using Kakunin.Store;
using Kakunin.Store.Api;
using Kakunin.Store.Tests.Postgres;
using Npgsql;

namespace Kakunin.IntegrationTests.Postgres;

/// <summary>
/// Issue 14: two <c>kakunin serve</c> nodes on one PostgreSQL database share what each process used to keep for itself
/// (docs/postgresql.md, "What moves into the database for several nodes"): the sign-in throttle, the API's per-token
/// and per-address counts, and the webmail's one-time slot of a created API token. A client that spreads its attempts
/// over both nodes, as a balancer would, meets the limits of one.
/// </summary>
public sealed partial class SharedLimitsTests(PostgresClusterFixture postgres) : IClassFixture<PostgresClusterFixture>
{
    private const int RequestsPerMinute = 10;
    private const string Wrong = "not the password";

    [Fact]
    public async Task Two_nodes_count_one_throttle_one_api_rate_and_show_a_created_token_once()
    {
        var database = new NpgsqlConnectionStringBuilder(await postgres.Cluster.CreateDatabaseAsync("s" + Guid.NewGuid().ToString("N")))
        {
            Pooling = true,
            MaxPoolSize = 8, // two nodes and the test stay below the test cluster's max_connections (40)
        }.ToString();
        var environment = new Dictionary<string, string>(AuthGuessingTests.QuickFailures)
        {
            ["KAKUNIN__STORE__CONNECTIONSTRING"] = database,
            ["KAKUNIN__API__REQUESTSPERMINUTE"] = RequestsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        // One after the other: the first lays the schema and the demo users, the second finds them.
        await using var a = await KakuninProcess.StartAsync(environment: environment);
        await using var b = await KakuninProcess.StartAsync(environment: environment);

        await Ten_wrong_passwords_spread_over_both_nodes_refuse_alice_on_both(a, b);
        await The_api_rate_of_one_token_and_of_one_guessing_address_holds_across_both_nodes(a, b, database);
        await A_token_created_on_one_node_is_shown_once_on_the_other(a, b);
    }

    private static async Task Ten_wrong_passwords_spread_over_both_nodes_refuse_alice_on_both(KakuninProcess a, KakuninProcess b)
    {
        var guesser = IPAddress.Parse("127.0.0.2");
        // The shipped limit is 10 per account: five on each node, SMTP AUTH (535 5.7.8, RFC 4954 §6) and the webmail.
        for (var i = 0; i < 8; i++)
        {
            var node = i % 2 == 0 ? a : b;
            Assert.StartsWith("535 5.7.8", await AuthProbe.AuthPlainAsync(node.SubmissionPort, false, ServerFixture.Alice, Wrong, guesser), StringComparison.Ordinal);
        }

        foreach (var node in new[] { a, b })
        {
            using var web = new WebSignIn(node.HttpPort, guesser);
            using var wrong = await web.PostAsync(ServerFixture.Alice, Wrong);
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode); // the form again, with its error
        }

        // The eleventh attempt, with the right password, from another address, on either node: refused (454 4.7.0, 429).
        var owner = IPAddress.Parse("127.0.0.3");
        Assert.StartsWith("454 4.7.0", await AuthProbe.AuthPlainAsync(a.SubmissionPort, false, ServerFixture.Alice, KakuninProcess.Password, owner), StringComparison.Ordinal);
        Assert.StartsWith("454 4.7.0", await AuthProbe.AuthPlainAsync(b.SubmissionTlsPort, true, ServerFixture.Alice, KakuninProcess.Password, owner), StringComparison.Ordinal);
        using (var web = new WebSignIn(b.HttpPort, owner))
        {
            using var refused = await web.PostAsync(ServerFixture.Alice, KakuninProcess.Password);
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        }

        // Bob is not Alice: the guesser's address has 10 failures, below its limit of 20.
        Assert.StartsWith("235", await AuthProbe.AuthPlainAsync(b.SubmissionPort, false, ServerFixture.Bob, KakuninProcess.Password, guesser), StringComparison.Ordinal);
    }

    private static async Task The_api_rate_of_one_token_and_of_one_guessing_address_holds_across_both_nodes(KakuninProcess a, KakuninProcess b, string database)
    {
        string token;
        var folder = Directory.CreateTempSubdirectory("kakunin-limits-").FullName;
        await using (var store = await KakuninStore.OpenAsync(folder, new StoreOptions { ConnectionString = database }))
        {
            token = ApiTokenText.New();
            Assert.NotNull(await store.ApiTokens.CreateAsync(ServerFixture.Alice, "spread", token, DateTimeOffset.UtcNow, CancellationToken.None));
        }

        Directory.Delete(folder, recursive: true);

        // The windows are whole minutes of the clock: start early in one, so that all the calls below fall into it.
        var intoMinute = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() % 60_000;
        if (intoMinute > 40_000)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(60_000 - intoMinute + 200));
        }

        using var toA = Client(a, token);
        using var toB = Client(b, token);
        for (var i = 0; i < RequestsPerMinute; i++)
        {
            using var ok = await (i % 2 == 0 ? toA : toB).GetAsync("/api/v1/events?limit=1");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        foreach (var client in new[] { toA, toB })
        {
            using var refused = await client.GetAsync("/api/v1/events?limit=1");
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.InRange(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        }

        // Guessing tokens from one address (the test's 127.0.0.1), spread over both nodes: 401 up to the limit, then 429.
        using var guessA = Client(a, "kk_" + new string('A', 43));
        using var guessB = Client(b, "kk_" + new string('B', 43));
        for (var i = 0; i < RequestsPerMinute; i++)
        {
            using var wrong = await (i % 2 == 0 ? guessA : guessB).GetAsync("/api/v1/tracking");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using var tooMany = await guessB.GetAsync("/api/v1/tracking");
        Assert.Equal(HttpStatusCode.TooManyRequests, tooMany.StatusCode);
    }

    private static async Task A_token_created_on_one_node_is_shown_once_on_the_other(KakuninProcess a, KakuninProcess b)
    {
        using var onA = new WebSignIn(a.HttpPort, IPAddress.Loopback);
        using (var signIn = await onA.PostAsync(ServerFixture.Bob, KakuninProcess.Password))
        {
            Assert.Equal("/mail/Inbox", signIn.Headers.Location?.OriginalString);
        }

        string redirect;
        using (var created = await onA.PostFormAsync("/settings/tokens", "/settings/tokens?handler=Create", new Dictionary<string, string> { ["Name"] = "made on A" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
            redirect = created.Headers.Location!.OriginalString;
            Assert.StartsWith("/settings/tokens?shown=", redirect, StringComparison.Ordinal);
        }

        // The redirect reaches node B (a balancer's choice): the token is shown there, once.
        using var onB = new WebSignIn(b.HttpPort, IPAddress.Loopback);
        onB.Cookies.Add(onA.Cookies.GetAllCookies()); // cookies are not tied to a port (RFC 6265 §8.5)
        string shown;
        using (var page = await onB.GetAsync(redirect))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var match = NewToken().Match(await page.Content.ReadAsStringAsync());
            Assert.True(match.Success, "the created token is shown on the other node");
            shown = WebUtility.HtmlDecode(match.Groups[1].Value);
        }

        using (var again = await onB.GetAsync(redirect))
        {
            Assert.DoesNotMatch(NewToken(), await again.Content.ReadAsStringAsync()); // taken: not shown a second time
        }

        using (var onAAgain = await onA.GetAsync(redirect))
        {
            Assert.DoesNotMatch(NewToken(), await onAAgain.Content.ReadAsStringAsync()); // nor on the node that made it
        }

        // It is the token that was made: it works on the API (of either node).
        using var api = Client(a, shown);
        using var ok = await api.GetAsync("/api/v1/tracking");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    private static HttpClient Client(KakuninProcess node, string token)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri($"http://127.0.0.1:{node.HttpPort}") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [GeneratedRegex("<code id=\"new-token\">([^<]+)</code>")]
    private static partial Regex NewToken();
}
