using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kakunin.Web.Api;

/// <summary>Times in the API: RFC 3339 in UTC with "Z" and milliseconds (2026-12-06T21:00:00.123Z), as EVENTS.md fixes for the event payloads.</summary>
public sealed class ApiTimeConverter : JsonConverter<DateTimeOffset>
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.Parse(reader.GetString() ?? throw new JsonException("a time is needed"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture));
    }
}
