using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Features;

namespace Kakunin.Web.Api;

/// <summary>
/// Reads a JSON request body by hand rather than through minimal API binding, so that every way it can be wrong gets
/// a problem details answer that says where: not JSON, a field this API does not have, a missing required field, a
/// value of the wrong type (400), or more bytes than the caller allows (413). The raw bytes are kept
/// for the Idempotency-Key check (same key, same body).
/// </summary>
public static partial class ApiBody
{
    public sealed record Read<T>(T? Value, byte[] Bytes, IResult? Problem);

    public static async Task<Read<T>> ReadAsync<T>(HttpContext context, long limit, string tooLarge)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (request.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return new(null, [], ApiProblems.Problem(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "Unsupported media type", "Send the body as application/json."));
        }

        if (request.ContentLength > limit)
        {
            return new(null, [], ApiProblems.TooLarge(tooLarge));
        }

        // Above Kestrel's default (30 MB) when the message size limit is: the endpoint's own bound instead.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        using var buffer = new MemoryStream();
        try
        {
            await request.Body.CopyToAsync(buffer, context.RequestAborted);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new(null, [], ApiProblems.TooLarge(tooLarge));
        }

        var bytes = buffer.ToArray();
        try
        {
            var value = JsonSerializer.Deserialize<T>(bytes, ApiJson.Options);
            return value is null
                ? new(null, bytes, ApiProblems.BadRequest("invalid-json", "The body is JSON null; an object is needed."))
                : new(value, bytes, null);
        }
        catch (JsonException e)
        {
            return new(null, bytes, ApiProblems.BadRequest("invalid-json", Explain(e), new Dictionary<string, object?> { ["path"] = e.Path, ["line"] = e.LineNumber + 1 }));
        }
    }

    // System.Text.Json names .NET types in its messages; the client knows fields, not our classes.
    private static string Explain(JsonException e)
    {
        var message = e.Message;
        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal) && QuotedName().Match(message) is { Success: true } unknown)
        {
            return $"Unknown field '{unknown.Groups[1].Value}' at {e.Path}: this API has no such field (see /api/v1/openapi.json).";
        }

        if (message.Contains("missing required properties", StringComparison.Ordinal) && RequiredNames().Match(message) is { Success: true } missing)
        {
            return $"Required field missing at {e.Path}: {missing.Groups[1].Value}.";
        }

        if (message.Contains("could not be converted to", StringComparison.Ordinal))
        {
            return $"Wrong type of value at {e.Path} (line {e.LineNumber + 1}).";
        }

        return $"The body is not valid JSON at {e.Path ?? "$"} (line {e.LineNumber + 1}, byte {e.BytePositionInLine}).";
    }

    [GeneratedRegex("'([^']*)'")]
    private static partial Regex QuotedName();

    [GeneratedRegex("properties including: (.*?)\\.?$")]
    private static partial Regex RequiredNames();
}
