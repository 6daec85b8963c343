using System.Diagnostics;

namespace Kakunin.IntegrationTests.Published;

/// <summary>A command line run by bash as a user would type it, with only the KAKUNIN_* variables the test gives.</summary>
internal static class ShellCommand
{
    public static async Task<(int Exit, string Output, string Error)> RunAsync(string command, IReadOnlyDictionary<string, string> environment, string workingDirectory)
    {
        var info = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        // pipefail: in "kakunin mailbox show … | kakunin report parse -" a failing first command fails the line.
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("set -o pipefail; " + command);
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("KAKUNIN", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
