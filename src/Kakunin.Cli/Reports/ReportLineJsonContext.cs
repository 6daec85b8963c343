using System.Text.Json.Serialization;

namespace Kakunin.Cli.Reports;

/// <summary>Source-generated JSON for <see cref="ReportLine"/>: camelCase, one object per line, nulls kept.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = false)]
[JsonSerializable(typeof(ReportLine))]
internal sealed partial class ReportLineJsonContext : JsonSerializerContext;
