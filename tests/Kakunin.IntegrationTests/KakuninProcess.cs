using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Kakunin.Store;
using MimeKit;

namespace Kakunin.IntegrationTests;

/// <summary>
/// A real <c>kakunin serve --demo</c> process on free loopback ports with its own data folder.
/// Tests talk to it over sockets with real clients and read its real SQLite store.
/// </summary>
public sealed class KakuninProcess : IAsyncDisposable
{
    public const string Password = "correct horse battery";

    private readonly Process _process;
    private readonly StringWriter _log = new();
    private readonly (int Imap, int Imaps)? _imap;

    private KakuninProcess(Process process, string dataDirectory, int smtp, int submission, int submissionTls, int http, (int Imap, int Imaps)? imap = null)
    {
        _imap = imap;
        _process = process;
        DataDirectory = dataDirectory;
        SmtpPort = smtp;
        SubmissionPort = submission;
        SubmissionTlsPort = submissionTls;
        HttpPort = http;
    }

    public string DataDirectory { get; }

    public int SmtpPort { get; }

    public int SubmissionPort { get; }

    public int SubmissionTlsPort { get; }

    public int HttpPort { get; }

    /// <summary>IMAP with STARTTLS (<c>--imap-port</c>); only for a server started with <c>imap: true</c>.</summary>
    public int ImapPort => _imap?.Imap ?? throw new InvalidOperationException("this server was started without --imap-port (StartAsync(imap: true))");

    /// <summary>IMAP over implicit TLS (<c>--imaps-port</c>); only for a server started with <c>imap: true</c>.</summary>
    public int ImapsPort => _imap?.Imaps ?? throw new InvalidOperationException("this server was started without --imaps-port (StartAsync(imap: true))");

    public int ProcessId => _process.Id;

    /// <summary>What the server printed so far (for failure messages).</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Starts the server; <paramref name="extraArgs"/> are added to <c>serve</c> (e.g. --smarthost);
    /// <paramref name="environment"/> adds variables, e.g. <c>KAKUNIN__SMTP__MAXRECIPIENTS</c> to set any SMTP limit;
    /// <paramref name="program"/> runs that executable (the published <c>kakunin</c>) instead of the build's kakunin.dll;
    /// <paramref name="healthy"/> false waits only until /health answers (a server that reports itself failing, 503);
    /// <paramref name="imap"/> also opens the IMAP ports on two more free loopback ports (<see cref="ImapPort"/>, <see cref="ImapsPort"/>);
    /// without it IMAP is off (test servers run side by side: the default ports would collide).</summary>
    public static async Task<KakuninProcess> StartAsync(string? dataDirectory = null, IReadOnlyList<string>? extraArgs = null, int[]? ports = null, IReadOnlyDictionary<string, string>? environment = null, string? program = null, bool healthy = true, bool imap = false)
    {
        // Test processes run side by side (Integration and Web tests at once): a port one of them found free can be
        // taken by the other before the server binds it. With ports of our own choosing, such a start is tried again.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(dataDirectory, extraArgs, ports, environment, program, healthy, imap);
            }
            catch (InvalidOperationException e) when (ports is null && attempt < 3 && e.Message.Contains("address already in use", StringComparison.Ordinal))
            {
            }
        }
    }

    private static async Task<KakuninProcess> StartOnceAsync(string? dataDirectory, IReadOnlyList<string>? extraArgs, int[]? ports, IReadOnlyDictionary<string, string>? environment, string? program, bool healthy, bool imap)
    {
        var data = dataDirectory ?? Directory.CreateTempSubdirectory("kakunin-it-").FullName;
        var p = ports ?? [FreePort(), FreePort(), FreePort(), FreePort()];
        var kakunin = Path.Combine(AppContext.BaseDirectory, "kakunin.dll");
        (int Imap, int Imaps)? imapPorts = imap ? (FreePort(), FreePort()) : null;
        var info = new ProcessStartInfo(program ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (program is null ? new[] { kakunin } : []).Concat(
        [
            "serve", "--demo", "--demo-password", Password, "--data", data, "--hostname", "mx.example.test",
            "--smtp-port", p[0].ToString(), "--submission-port", p[1].ToString(), "--submission-tls-port", p[2].ToString(), "--http-port", p[3].ToString(),
        ]).Concat(imapPorts is { } i ? ["--imap-port", i.Imap.ToString(), "--imaps-port", i.Imaps.ToString()] : ["--imap-port", "0", "--imaps-port", "0"]).Concat(extraArgs ?? []))
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start kakunin");
        var server = new KakuninProcess(process, data, p[0], p[1], p[2], p[3], imapPorts);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitHealthyAsync(healthy);
        }
        catch
        {
            await server.DisposeAsync(); // a server that never became healthy must not outlive the test (it kept its ports and CPU)
            throw;
        }

        return server;
    }

    /// <summary>Opens the server's store (WAL lets the test read while the server writes).</summary>
    public Task<KakuninStore> OpenStoreAsync() => KakuninStore.OpenAsync(DataDirectory);

    /// <summary>Waits until <paramref name="condition"/> holds, checking every 100 ms, or fails after <paramref name="seconds"/>.</summary>
    public async Task WaitForAsync(Func<Task<bool>> condition, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"timed out waiting for {what}\n--- server log ---\n{Log}");
    }

    /// <summary>The messages of a folder, parsed, read from the server's own database.</summary>
    public async Task<IReadOnlyList<MimeMessage>> FolderAsync(string user, string folder)
    {
        await using var store = await OpenStoreAsync();
        var stored = await store.Mailboxes.ListAsync(user, folder, CancellationToken.None);
        return stored.Select(m => MimeMessage.Load(new MemoryStream(m.Content.ToArray()))).ToList();
    }

    /// <summary>Waits for a message in the folder that <paramref name="match"/> accepts.</summary>
    public async Task<MimeMessage> WaitForMessageAsync(string user, string folder, Func<MimeMessage, bool> match, string what, int seconds = 30)
    {
        MimeMessage? found = null;
        await WaitForAsync(async () => (found = (await FolderAsync(user, folder)).FirstOrDefault(match)) is not null, what, seconds);
        return found!;
    }

    /// <summary>Waits until no recipient is open in the queue (everything delivered, relayed or failed).</summary>
    public Task WaitForEmptyQueueAsync(int seconds = 30) => WaitForAsync(async () =>
    {
        await using var store = await OpenStoreAsync();
        return await store.Queue.CountOpenRecipientsAsync(CancellationToken.None) == 0;
    }, "an empty queue", seconds);

    /// <summary>SIGKILL: no shutdown, no flush; what was acknowledged must already be on disk.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
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

    /// <summary>
    /// A loopback port nothing listens on now and that this test run has not handed out before: the kernel may give
    /// the same ephemeral port to two probes in a row once the first probe's listener is closed, and two listeners of
    /// one server then collided ("address already in use").
    /// </summary>
    public static int FreePort()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            lock (HandedOut)
            {
                if (HandedOut.Add(port)) return port;
            }
        }
    }

    private static readonly HashSet<int> HandedOut = [];

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.WriteLine(line);
        }
    }

    private async Task WaitHealthyAsync(bool healthy)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"kakunin exited with {_process.ExitCode}\n{Log}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{HttpPort}/health"));
                if (response.IsSuccessStatusCode || (!healthy && response.StatusCode == HttpStatusCode.ServiceUnavailable))
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"kakunin did not become healthy\n{Log}");
    }
}
