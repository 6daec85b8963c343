using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kakunin.Cli.Reports;

/// <summary>Source-generated JSON for <see cref="ReportLine"/>: camelCase, one object per line, nulls kept.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = false)]
[JsonSerializable(typeof(ReportLine))]
internal sealed partial class ReportLineJsonContext : JsonSerializerContext
{
    /// <summary>
    /// Writes '&lt;', '&gt;' and non-ASCII text (Japanese diagnostics) as they are rather than as \u escapes:
    /// the output is for terminals and scripts, never embedded in HTML.
    /// </summary>
    public static ReportLineJsonContext Readable { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
