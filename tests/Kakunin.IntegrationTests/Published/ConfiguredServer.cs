using System.Diagnostics;

namespace Kakunin.IntegrationTests.Published;

/// <summary>
/// A published <c>kakunin serve --demo</c> given no options but the demo's: everything else (data folder, ports, host
/// name) comes from the configuration file named by KAKUNIN_CONFIG, as a service would run it.
/// </summary>
internal sealed class ConfiguredServer : IAsyncDisposable
{
    private readonly Process _process;

    private ConfiguredServer(Process process) => _process = process;

    public static async Task<ConfiguredServer> StartAsync(string program, IReadOnlyDictionary<string, string> environment, string workingDirectory, int httpPort)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var arg in new[] { "serve", "--demo", "--demo-password", KakuninProcess.Password })
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("KAKUNIN", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var log = new System.Text.StringBuilder();
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ConfiguredServer(process);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{httpPort}/health"));
                if (response.IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        await server.DisposeAsync();
        lock (log)
        {
            throw new InvalidOperationException($"the configured server did not become healthy on port {httpPort}\n{log}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
