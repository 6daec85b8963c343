using System.Text.Json.Serialization;

namespace Kakunin.Web.Health;

/// <summary>
/// What GET /health answers: <c>ok</c>, <c>degraded</c> (working, but an administrator should look) or <c>failing</c>
/// (HTTP 503: mail is or will be refused), how many recipients wait in the queue, and each check by name.
/// </summary>
public sealed record HealthAnswer(string Status, long QueuedRecipients, IReadOnlyDictionary<string, CheckAnswer> Checks);

/// <summary>One check's state and, when it is not ok, one sentence saying why.</summary>
public sealed record CheckAnswer(string Status, string? Description, IReadOnlyDictionary<string, string>? Data);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HealthAnswer))]
internal sealed partial class HealthJsonContext : JsonSerializerContext;
