using System.Diagnostics;

namespace Kakunin.IntegrationTests.Published;

/// <summary>
/// The native <c>kakunin</c> made by scripts/publish (self-contained, ReadyToRun), built once per test run into a temp
/// folder, or the one named by <c>KAKUNIN_PUBLISHED</c> (a folder holding a published kakunin: CI can publish once
/// and hand it to the tests).
/// </summary>
internal static class PublishedProgram
{
    public const string EnvironmentVariable = "KAKUNIN_PUBLISHED";

    private static readonly Lazy<Task<string>> Folder = new(PublishAsync);

    /// <summary>The folder holding the published program (the executable is <c>kakunin</c> in it).</summary>
    public static Task<string> FolderAsync() => Folder.Value;

    /// <summary>The repository's root folder (the one holding Kakunin.slnx), found upwards from the test's binaries.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Kakunin.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Kakunin.slnx above {AppContext.BaseDirectory}");
    }

    private static async Task<string> PublishAsync()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } given)
        {
            return File.Exists(Path.Combine(given, "kakunin"))
                ? given
                : throw new InvalidOperationException($"{EnvironmentVariable}={given} holds no kakunin program");
        }

        var work = Directory.CreateTempSubdirectory("kakunin-published-").FullName;
        // Kept for the whole test run (every test may use it), removed when the test process ends.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(work, recursive: true);
        var output = Path.Combine(work, "kakunin");
        var info = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(RepositoryRoot(), "scripts", "publish"));
        info.ArgumentList.Add(output);
        info.Environment["KAKUNIN_BUILD_DIR"] = Path.Combine(work, "build");
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(15));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/publish failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
        }

        // Only the program is needed from here on; the Release build beside it is large.
        Directory.Delete(Path.Combine(work, "build"), recursive: true);
        return output;
    }
}
