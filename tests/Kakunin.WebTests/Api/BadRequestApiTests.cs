using System.Text;
using Kakunin.WebTests.Infrastructure;
using static Kakunin.WebTests.Api.ApiRequests;

namespace Kakunin.WebTests.Api;

/// <summary>Bad input to POST /api/v1/messages: a precise 4xx problem details answer each time, and nothing queued.</summary>
[Collection(ApiServerCollection.Name)]
public sealed class BadRequestApiTests(ApiServerFixture api)
{
    [Fact]
    public async Task Malformed_json_is_400_with_where_it_broke()
    {
        var (_, token) = await api.CreateTokenAsync(WebServer.Alice);
        using var client = api.Client(token);
        using var response = await SendAsync(client, Json("""{"from":{"address":"alice@example.test"},"to":[{"address":"bob@example.test"}],"""));
        var problem = await ProblemAsync(response, 400);
        Assert.Equal("invalid-json", Kind(problem));
        Assert.Contains("not valid JSON", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_field_is_400_naming_the_field()
    {
        var (_, token) = await api.CreateTokenAsync(WebServer.Alice);
        using var client = api.Client(token);
        using var response = await SendAsync(client, Json("""{"from":{"address":"alice@example.test"},"to":[{"address":"bob@example.test"}],"subjekt":"typo"}"""));
        var problem = await ProblemAsync(response, 400);
        Assert.Equal("invalid-json", Kind(problem));
        Assert.Contains("'subjekt'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Kakunin.", problem.GetProperty("detail").GetString(), StringComparison.Ordinal); // no .NET type names
    }

    [Fact]
    public async Task A_missing_from_and_no_recipients_are_400()
    {
        var (_, token) = await api.CreateTokenAsync(WebServer.Alice);
        using var client = api.Client(token);
        using var noFrom = await SendAsync(client, Json("""{"to":[{"address":"bob@example.test"}]}"""));
        Assert.Contains("'from'", (await ProblemAsync(noFrom, 400)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var nobody = await SendAsync(client, Json("""{"from":{"address":"alice@example.test"},"subject":"to nobody"}"""));
        var problem = await ProblemAsync(nobody, 400);
        Assert.Equal("invalid-message", Kind(problem));
        Assert.True(problem.GetProperty("errors").TryGetProperty("to", out _));
    }

    [Theory]
    [InlineData("""{"from":{"address":"alice@example.test"},"to":[{"address":"bob@example.test"}],"subject":"Hi\r\nBcc: mallory@evil.test"}""", "subject")]
    [InlineData("""{"from":{"address":"alice@example.test"},"to":[{"address":"bob@example.test","name":"Bob\r\nBcc: mallory@evil.test"}],"subject":"Hi"}""", "to[0].name")]
    [InlineData("""{"from":{"address":"alice@example.test"},"to":[{"address":"bob@example.test\nmallory@evil.test"}],"subject":"Hi"}""", "to[0].address")]
    [InlineData("""{"from":{"address":"alice@example.test","name":"A\nB"},"to":[{"address":"bob@example.test"}],"subject":"Hi"}""", "from.name")]
    public async Task A_header_injection_is_400_and_nothing_is_queued(string body, string field)
    {
        var (_, token) = await api.CreateTokenAsync(WebServer.Alice);
        using var client = api.Client(token);
        var sentBefore = (await api.Server.FolderAsync(WebServer.Alice, "Sent")).Count;
        using var response = await SendAsync(client, Json(body));
        var problem = await ProblemAsync(response, 400);
        Assert.Equal("header-injection", Kind(problem));
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}: {problem}");
        Assert.Equal(sentBefore, (await api.Server.FolderAsync(WebServer.Alice, "Sent")).Count);
        Assert.DoesNotContain(await api.Server.FolderAsync(WebServer.Bob, "Inbox"), m => m.Bcc.Count > 0 || m.Subject?.Contains("mallory", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task A_30_MB_attachment_is_413_and_nothing_is_queued()
    {
        var (_, token) = await api.CreateTokenAsync(WebServer.Alice);
        using var client = api.Client(token);
        var content = Convert.ToBase64String(new byte[30 * 1024 * 1024]);
        var body = "{\"from\":{\"address\":\"alice@example.test\"},\"to\":[{\"address\":\"bob@example.test\"}],\"subject\":\"Thirty megabytes\","
            + "\"attachments\":[{\"filename\":\"big.bin\",\"content\":\"" + content + "\"}]}";
        using var response = await SendAsync(client, Json(body));
        var problem = await ProblemAsync(response, 413);
        Assert.Equal("too-large", Kind(problem));
        Assert.Contains("35 MB", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(await api.Server.FolderAsync(WebServer.Alice, "Sent"), m => m.Subject == "Thirty megabytes");
    }

    [Fact]
    public async Task Wrong_notify_words_and_a_bad_attachment_are_400_naming_each_field()
    {
        var (_, token) = await api.CreateTokenAsync(WebServer.Alice);
        using var client = api.Client(token);
        using var response = await SendAsync(client, Json("""
            {"from":{"address":"alice@example.test"},"to":[{"address":"bob@example.test"}],
             "attachments":[{"filename":"x.bin","content":"not base64!"}],
             "delivery_receipt":{"notify":["NEVER","SUCCESS"],"ret":"ALL"}}
            """));
        var errors = (await ProblemAsync(response, 400)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("attachments[0].content", out _));
        Assert.True(errors.TryGetProperty("delivery_receipt.notify", out _));
        Assert.True(errors.TryGetProperty("delivery_receipt.ret", out _));
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_415()
    {
        var (_, token) = await api.CreateTokenAsync(WebServer.Alice);
        using var client = api.Client(token);
        using var response = await SendAsync(client, new StringContent("from=alice@example.test", Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal("unsupported-media-type", Kind(await ProblemAsync(response, 415)));
    }

    [Fact]
    public async Task Sending_as_someone_else_is_403()
    {
        var (_, token) = await api.CreateTokenAsync(WebServer.Bob);
        using var client = api.Client(token);
        using var response = await SendAsync(client, Simple("alice@example.test", "bob@example.test", "Forged"));
        Assert.Equal("from-not-yours", Kind(await ProblemAsync(response, 403)));
        Assert.DoesNotContain(await api.Server.FolderAsync(WebServer.Bob, "Inbox"), m => m.Subject == "Forged");
    }
}
