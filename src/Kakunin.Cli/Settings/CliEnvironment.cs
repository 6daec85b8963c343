using System.Collections;
using System.CommandLine;

namespace Kakunin.Cli.Settings;

/// <summary>
/// What a command reads from its surroundings to find the data folder and the server: environment variables, the
/// working directory and which files exist. One value per run, so tests give their own instead of the process's.
/// </summary>
internal sealed record CliEnvironment(IReadOnlyDictionary<string, string> Variables, string CurrentDirectory, Func<string, bool> FileExists)
{
    /// <summary>The real process: its environment (names are case-sensitive, as on Linux), working directory and files.</summary>
    public static CliEnvironment FromProcess()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            variables[(string)entry.Key] = entry.Value as string ?? string.Empty;
        }

        return new CliEnvironment(variables, Environment.CurrentDirectory, File.Exists);
    }

    /// <summary>The environment of the command being run (set on <see cref="KakuninRootCommand"/>).</summary>
    public static CliEnvironment Of(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.RootCommandResult.Command is KakuninRootCommand root ? root.Environment : FromProcess();
    }

    /// <summary>A variable's value; unset and empty are the same (as a shell's <c>${NAME:-…}</c> treats them).</summary>
    public string? Variable(string name) => Variables.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    /// <summary>A path made absolute against this environment's working directory.</summary>
    public string FullPath(string path) => Path.GetFullPath(path, CurrentDirectory);
}

/// <summary>The root command, carrying the <see cref="CliEnvironment"/> every sub-command resolves its settings in.</summary>
internal sealed class KakuninRootCommand(string description, CliEnvironment environment) : RootCommand(description)
{
    public CliEnvironment Environment { get; } = environment;
}
