using System.CommandLine;
using Kakunin.Cli.Settings;
using Kakunin.Web;

namespace Kakunin.Cli.Tests;

/// <summary>Runs the real <c>kakunin</c> command tree in process and captures what it writes.</summary>
internal static class CliRunner
{
    /// <summary>
    /// No environment variables, this process's working directory, and the real files except the machine-wide
    /// configuration file: a test sees only the settings it gives, whatever the machine it runs on has.
    /// </summary>
    public static CliEnvironment Isolated(IReadOnlyDictionary<string, string>? variables = null, string? currentDirectory = null) =>
        new(variables ?? new Dictionary<string, string>(), currentDirectory ?? Environment.CurrentDirectory,
            path => path != KakuninConfigFile.DefaultPath && File.Exists(path));

    public static (int ExitCode, string Output, string Error) Run(params string[] args) => Run(Isolated(), args);

    public static (int ExitCode, string Output, string Error) Run(CliEnvironment environment, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = KakuninCommand.Create(environment).Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }
}
