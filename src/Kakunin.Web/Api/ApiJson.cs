using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kakunin.Web.Api;

/// <summary>
/// The API's JSON: snake_case names (as the event payloads, EVENTS.md), times RFC 3339 UTC, nulls written, and on
/// the way in a field this version does not know is an error (400), not silently dropped.
/// </summary>
public static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        AllowTrailingCommas = false,
        ReadCommentHandling = JsonCommentHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower), new ApiTimeConverter() },
        // JSON for programs, never put into HTML: "<" in a Message-ID stays "<" rather than \u003C.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>A 2xx answer in the API's JSON.</summary>
    public static IResult Ok<T>(T value, int status = StatusCodes.Status200OK) => Results.Json(value, Options, statusCode: status);
}
