using System.Text.Json.Serialization;

namespace Kakunin.Cli.Commands;

/// <summary>JSON of the administrator commands' --format json (source-generated, camelCase, one object per line).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = false, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(MailboxLine))]
[JsonSerializable(typeof(QueueLine))]
internal sealed partial class AdminJsonContext : JsonSerializerContext;
