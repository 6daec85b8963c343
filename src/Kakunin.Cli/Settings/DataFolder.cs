using Kakunin.Web;

namespace Kakunin.Cli.Settings;

/// <summary>
/// Where the data folder is, the same for every command (serve included): <c>--data</c>, else <c>KAKUNIN_DATA</c>,
/// else Kakunin:DataDirectory from the configuration <c>kakunin serve</c> reads (KAKUNIN__DATADIRECTORY, the
/// configuration file, appsettings.json), else <c>kakunin-data</c> in the working directory.
/// </summary>
internal static class DataFolder
{
    public const string EnvironmentVariable = "KAKUNIN_DATA";

    public const string OptionName = "--data";

    /// <summary>The folder as a full path and where it came from; reads configuration files only when needed.</summary>
    public static Located<string> Resolve(string? option, CliEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!string.IsNullOrEmpty(option))
        {
            return new Located<string>(environment.FullPath(option), OptionName);
        }

        if (environment.Variable(EnvironmentVariable) is { } variable)
        {
            return new Located<string>(environment.FullPath(variable), EnvironmentVariable);
        }

        if (ConfiguredSettings.Load(environment).Find(nameof(KakuninOptions.DataDirectory)) is { } configured)
        {
            return configured with { Value = environment.FullPath(configured.Value) };
        }

        return new Located<string>(environment.FullPath(KakuninOptions.DefaultDataDirectory), null);
    }
}
