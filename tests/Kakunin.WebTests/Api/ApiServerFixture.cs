using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Kakunin.IntegrationTests;
using Kakunin.WebTests.Infrastructure;

namespace Kakunin.WebTests.Api;

/// <summary>
/// A <c>kakunin serve --demo</c> of the API tests' own, its smarthost a <see cref="RemotePeer"/> (so a remote
/// recipient can be refused for real), with a per-token limit low enough to reach in a test. Tokens are made with
/// the real <c>kakunin token create</c> next to the running server, as an administrator would.
/// </summary>
public sealed class ApiServerFixture : IAsyncLifetime
{
    /// <summary>The per-token limit of this server (Kakunin:Api:RequestsPerMinute).</summary>
    public const int RequestsPerMinute = 60;

    private RemotePeer? _peer;

    public KakuninProcess Server { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _peer = RemotePeer.Start();
        var environment = new Dictionary<string, string>(WebServer.LenientThrottle)
        {
            ["KAKUNIN__API__REQUESTSPERMINUTE"] = RequestsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        Server = await KakuninProcess.StartAsync(extraArgs: ["--smarthost", $"127.0.0.1:{_peer.Port}"], environment: environment);
    }

    public async ValueTask DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        if (_peer is not null)
        {
            await _peer.DisposeAsync();
        }
    }

    /// <summary>Runs <c>kakunin token create</c> for <paramref name="user"/> and returns the token's id and text from its output.</summary>
    public async Task<(long Id, string Token)> CreateTokenAsync(string user, string name = "tests")
    {
        var (exit, output, error) = await KakuninCli.RunAsync("token", "create", user, "--name", name, "--data", Server.DataDirectory);
        Assert.True(exit == 0, error);
        var token = output.Split('\n').Single(l => l.StartsWith("token: ", StringComparison.Ordinal))["token: ".Length..].Trim();
        var id = long.Parse(output.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        return (id, token);
    }

    /// <summary>An HttpClient to this server that never follows redirects (an API answer must never be one).</summary>
    public HttpClient Client(string? token)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri($"http://127.0.0.1:{Server.HttpPort}") };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>Waits until GET /api/v1/messages/{id} shows <paramref name="recipient"/> in <paramref name="state"/>; returns that recipient.</summary>
    public async Task<JsonElement> WaitForStateAsync(HttpClient client, string messageId, string recipient, string state)
    {
        JsonElement found = default;
        await Server.WaitForAsync(async () =>
        {
            var message = await client.GetFromJsonAsync<JsonElement>($"/api/v1/messages/{messageId}");
            found = message.GetProperty("recipients").EnumerateArray().Single(r => r.GetProperty("address").GetString() == recipient);
            return found.GetProperty("state").GetString() == state;
        }, $"{recipient} of {messageId} to be {state}");
        return found;
    }
}
