using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;

namespace Kakunin.Web;

/// <summary>
/// The one configuration file that <c>kakunin serve</c> and every other <c>kakunin</c> command read, wherever they are
/// started from: the file named by <c>KAKUNIN_CONFIG</c>, else <c>/etc/kakunin/kakunin.json</c> when it exists. It holds
/// the same "Kakunin" section as appsettings.json and ranks just above it: appsettings.json, appsettings.{Environment}.json,
/// this file, KAKUNIN__* environment variables, command-line options (later wins).
/// </summary>
public static class KakuninConfigFile
{
    /// <summary>The environment variable that names the file.</summary>
    public const string EnvironmentVariable = "KAKUNIN_CONFIG";

    /// <summary>Read when it exists and <see cref="EnvironmentVariable"/> is not set.</summary>
    public const string DefaultPath = "/etc/kakunin/kakunin.json";

    /// <summary>
    /// The file to read and where its name came from, or null when there is none: a file named by
    /// <see cref="EnvironmentVariable"/> must exist (the caller reports it), the default one is read only if it exists.
    /// </summary>
    public static ConfigFileLocation? Locate(Func<string, string?> environment, Func<string, bool> fileExists)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(fileExists);
        if (environment(EnvironmentVariable) is { Length: > 0 } named)
        {
            return new ConfigFileLocation(Path.GetFullPath(named), EnvironmentVariable);
        }

        return fileExists(DefaultPath) ? new ConfigFileLocation(DefaultPath, null) : null;
    }

    /// <summary>
    /// Adds the file to a host's configuration just before the unprefixed environment variables (ASP.NET Core's
    /// builders add appsettings.json, appsettings.{Environment}.json, then environment variables, then the command line).
    /// A file named by <see cref="EnvironmentVariable"/> is required: a missing one stops the start with a
    /// <see cref="FileNotFoundException"/> naming it and the variable.
    /// </summary>
    public static void AddTo(IConfigurationBuilder configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (Locate(Environment.GetEnvironmentVariable, File.Exists) is not { } location)
        {
            return;
        }

        if (location.From is not null && !File.Exists(location.Path))
        {
            throw new FileNotFoundException($"the configuration file {location.Path} (from {location.From}) does not exist", location.Path);
        }

        var source = new JsonConfigurationSource { Path = location.Path, Optional = location.From is null, ReloadOnChange = false };
        source.ResolveFileProvider();
        var index = configuration.Sources.ToList().FindLastIndex(s => s is EnvironmentVariablesConfigurationSource { Prefix: null or "" });
        if (index < 0)
        {
            configuration.Sources.Add(source);
        }
        else
        {
            configuration.Sources.Insert(index, source);
        }
    }
}

/// <summary>A configuration file's full path and the environment variable that named it (null: the default path).</summary>
public sealed record ConfigFileLocation(string Path, string? From);
