using Kakunin.Web;
using Microsoft.Extensions.Configuration;

namespace Kakunin.Cli.Settings;

/// <summary>
/// The "Kakunin" section as <c>kakunin serve</c> would see it when started here, read without starting a host: the same
/// sources in the same order (KakuninServer: WebApplication.CreateSlimBuilder, whose content root is the working
/// directory, plus <see cref="KakuninConfigFile"/>). Read layer by layer rather than through one merged IConfiguration,
/// because a merged configuration forgets which file or variable a value came from, and errors must name it.
/// </summary>
internal sealed class ConfiguredSettings
{
    private readonly IReadOnlyList<(string Source, IConfiguration Values)> _files; // highest precedence first
    private readonly IReadOnlyDictionary<string, string> _variables;

    private ConfiguredSettings(IReadOnlyList<(string, IConfiguration)> files, IReadOnlyDictionary<string, string> variables)
    {
        _files = files;
        _variables = variables;
    }

    /// <summary>
    /// Reads appsettings.json and appsettings.{Environment}.json from the working directory, then the configuration file,
    /// then KAKUNIN__* variables. A file named by KAKUNIN_CONFIG that does not exist, or any file that is not valid
    /// JSON, is a <see cref="CliSettingsException"/> naming it.
    /// </summary>
    public static ConfiguredSettings Load(CliEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var files = new List<(string, IConfiguration)>();
        // ASP.NET Core's environment name: ASPNETCORE_ENVIRONMENT over DOTNET_ENVIRONMENT, "Production" when neither is set.
        var name = environment.Variable("ASPNETCORE_ENVIRONMENT") ?? environment.Variable("DOTNET_ENVIRONMENT") ?? "Production";
        foreach (var file in new[] { "appsettings.json", $"appsettings.{name}.json" })
        {
            var path = environment.FullPath(file);
            if (environment.FileExists(path))
            {
                files.Insert(0, (path, ReadJson(path)));
            }
        }

        if (KakuninConfigFile.Locate(environment.Variable, environment.FileExists) is { } config)
        {
            if (!environment.FileExists(config.Path))
            {
                throw new CliSettingsException($"the configuration file {config.Path} (from {config.From}) does not exist");
            }

            files.Insert(0, (config.Path, ReadJson(config.Path)));
        }

        return new ConfiguredSettings(files, environment.Variables);
    }

    /// <summary>A key of the "Kakunin" section (e.g. "DataDirectory") and where it was set, or null when nowhere.</summary>
    public Located<string>? Find(string key)
    {
        var path = $"{KakuninOptions.Section}:{key}";
        // Environment variables rank above the files; "__" stands for ":" and names match in any case, as in
        // ASP.NET Core's environment variable provider.
        var variable = path.Replace(":", "__", StringComparison.Ordinal);
        foreach (var (name, value) in _variables)
        {
            if (string.Equals(name, variable, StringComparison.OrdinalIgnoreCase) && value.Length > 0)
            {
                return new Located<string>(value, name);
            }
        }

        foreach (var (source, values) in _files)
        {
            if (values[path] is { Length: > 0 } value)
            {
                return new Located<string>(value, source);
            }
        }

        return null;
    }

    private static IConfiguration ReadJson(string path)
    {
        try
        {
            return new ConfigurationBuilder().AddJsonFile(path, optional: false, reloadOnChange: false).Build();
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or IOException or UnauthorizedAccessException)
        {
            var reason = e.InnerException?.Message ?? e.Message;
            throw new CliSettingsException($"cannot read the configuration file {path}: {reason}");
        }
    }
}

/// <summary>A setting that could not be found or read; its message names the file, variable or option tried.</summary>
internal sealed class CliSettingsException(string message) : Exception(message);
