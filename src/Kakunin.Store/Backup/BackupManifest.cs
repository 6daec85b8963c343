using System.Text.Json.Serialization;

namespace Kakunin.Store.Backup;

/// <summary>
/// <c>kakunin-backup.json</c>, the first entry of a backup archive: what it is, when it was taken, the database's schema
/// version (a restore refuses one newer than it knows) and the data-folder files that came with it.
/// </summary>
public sealed record BackupManifest
{
    public const string EntryName = "kakunin-backup.json";

    public const string FormatName = "kakunin-backup";

    public const int CurrentFormatVersion = 1;

    public string Format { get; init; } = FormatName;

    public int FormatVersion { get; init; } = CurrentFormatVersion;

    public DateTimeOffset CreatedAt { get; init; }

    public int SchemaVersion { get; init; }

    /// <summary>The archive entry holding the database snapshot.</summary>
    public string Database { get; init; } = "";

    /// <summary>The data folder it was taken from (for people; a restore can go anywhere).</summary>
    public string DataFolder { get; init; } = "";

    /// <summary>The other files, as paths relative to the data folder with '/' separators.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(BackupManifest))]
internal sealed partial class BackupManifestJsonContext : JsonSerializerContext;
