namespace Kakunin.Cli.Settings;

/// <summary>
/// A setting's value and where it was found, so that an error can name what was tried: "--data", "KAKUNIN_DATA",
/// a configuration file's path, "KAKUNIN__DATADIRECTORY", or null for the built-in default.
/// </summary>
internal sealed record Located<T>(T Value, string? Source)
{
    /// <summary>"from --data", "from /etc/kakunin/kakunin.json", or "the default".</summary>
    public string Origin => Source is null ? "the default" : $"from {Source}";
}
