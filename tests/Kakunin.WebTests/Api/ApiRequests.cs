using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Kakunin.WebTests.Api;

/// <summary>Requests the API tests send, written as a client would write them (plain JSON text, snake_case).</summary>
internal static class ApiRequests
{
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static StringContent Simple(string from, string to, string subject = "API test") =>
        Json($$"""{"from":{"address":"{{from}}"},"to":[{"address":"{{to}}"}],"subject":"{{subject}}","text":"Hello from the API."}""");

    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpContent body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/messages") { Content = body };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await client.SendAsync(request);
    }

    /// <summary>Reads a problem details answer, checking it is one (RFC 9457 §3: application/problem+json with type, title, status).</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, int status)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.StartsWith("urn:kakunin:problem:", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        return problem;
    }

    public static string Kind(JsonElement problem) => problem.GetProperty("type").GetString()!["urn:kakunin:problem:".Length..];
}
