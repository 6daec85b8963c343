using System.Text.Json.Serialization;

namespace Kakunin.Web;

/// <summary>What GET /health answers: the process is up and how many recipients wait in the queue.</summary>
public sealed record HealthReport(string Status, long QueuedRecipients);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(HealthReport))]
internal sealed partial class HealthJsonContext : JsonSerializerContext;
