using System.Diagnostics;
using System.Text.Json;

namespace Kakunin.Authentication.Tests.CrossCheck;

/// <summary>Runs crosscheck.py with Debian's python3 (/usr/bin/python3: python3-spf and python3-dkim live in its dist-packages).</summary>
internal static class PythonPeer
{
    private const string Python = "/usr/bin/python3";

    public static async Task<Dictionary<string, string>> RunAsync(object cases)
    {
        var input = Path.Combine(Path.GetTempPath(), $"kakunin-crosscheck-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(input, JsonSerializer.Serialize(cases));
        try
        {
            var info = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "CrossCheck", "crosscheck.py"));
            info.ArgumentList.Add(input);
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"crosscheck.py failed (is python3-spf / python3-dkim installed?):\n{await stderr}");
            return JsonSerializer.Deserialize<Dictionary<string, string>>(await stdout)!;
        }
        finally
        {
            File.Delete(input);
        }
    }
}
