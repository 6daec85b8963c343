using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kakunin.IntegrationTests.Peers;

/// <summary>
/// A real reverse proxy (Debian's nginx or Caddy) in front of a <c>kakunin serve</c>, started by a test in the
/// foreground as the test's own user, with a configuration, certificate, pid and log files of its own in a temp
/// folder: it terminates TLS on a loopback port (<see cref="HttpsPort"/>) for <see cref="Host"/> and passes requests
/// to Kakunin's plain HTTP port. See <see cref="NginxProxy"/> and <see cref="CaddyProxy"/> for the configurations,
/// which follow docs/reverse-proxy.md.
/// </summary>
public sealed class ReverseProxy : IAsyncDisposable
{
    /// <summary>The public name the proxy's certificate is for; clients send it as SNI and Host.</summary>
    public const string Host = "mx.example.test";

    private readonly Process _process;
    private readonly StringWriter _output = new();
    private readonly string _logFile;

    private ReverseProxy(Process process, string directory, int httpsPort, string logFile)
    {
        _process = process;
        Directory = directory;
        HttpsPort = httpsPort;
        _logFile = logFile;
    }

    public string Directory { get; }

    public int HttpsPort { get; }

    /// <summary>https://mx.example.test:PORT (connect to 127.0.0.1: the name resolves nowhere).</summary>
    public Uri BaseAddress => new($"https://{Host}:{HttpsPort.ToString(CultureInfo.InvariantCulture)}");

    public IPEndPoint Endpoint => new(IPAddress.Loopback, HttpsPort);

    /// <summary>What the proxy printed and its log file (for failure messages).</summary>
    public string Log
    {
        get
        {
            lock (_output)
            {
                return _output + (File.Exists(_logFile) ? File.ReadAllText(_logFile) : string.Empty);
            }
        }
    }

    /// <summary>
    /// Writes a self-signed certificate for <see cref="Host"/> (cert.pem, key.pem) into a new temp folder, lets
    /// <paramref name="configure"/> write the proxy's configuration there and name its command line, starts it and
    /// waits until it answers /health through to Kakunin. Fails (never skips) when the program is not installed.
    /// </summary>
    internal static async Task<ReverseProxy> StartAsync(string program, string package, Func<ProxyFolder, (IReadOnlyList<string> Args, string LogFile, IReadOnlyDictionary<string, string>? Environment)> configure)
    {
        if (!File.Exists(program))
        {
            Assert.Fail($"{program} is not installed: apt-get install {package} (see .ci/run). These tests need the real proxy.");
        }

        var directory = System.IO.Directory.CreateTempSubdirectory("kakunin-proxy-").FullName;
        var folder = new ProxyFolder(directory, KakuninProcess.FreePort());
        WriteCertificate(folder);
        var (args, logFile, environment) = configure(folder);
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start");
        var proxy = new ReverseProxy(process, directory, folder.HttpsPort, logFile);
        process.OutputDataReceived += (_, e) => proxy.Append(e.Data);
        process.ErrorDataReceived += (_, e) => proxy.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await proxy.WaitReadyAsync(program);
        return proxy;
    }

    public async ValueTask DisposeAsync()
    {
        await PeerShutdown.StopAsync(_process);
        PeerShutdown.DeleteFolder(Directory);
    }

    private static void WriteCertificate(ProxyFolder folder)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={Host}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(Host);
        request.CertificateExtensions.Add(names.Build());
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(7));
        File.WriteAllText(folder.CertificateFile, certificate.ExportCertificatePem());
        File.WriteAllText(folder.KeyFile, key.ExportPkcs8PrivateKeyPem());
    }

    private async Task WaitReadyAsync(string program)
    {
        using var http = new HttpClient(new SocketsHttpHandler
        {
            ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    await socket.ConnectAsync(Endpoint, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        })
        { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                Assert.Fail($"{program} exited with {_process.ExitCode}\n{Log}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(BaseAddress, "/health"));
                if (response.IsSuccessStatusCode)
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

            await Task.Delay(100);
        }

        Assert.Fail($"{program} did not pass /health through on {BaseAddress}\n{Log}");
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.WriteLine(line);
            }
        }
    }
}

/// <summary>Where a proxy's files go, and the port it serves HTTPS on.</summary>
internal sealed record ProxyFolder(string Directory, int HttpsPort)
{
    public string CertificateFile => Path.Combine(Directory, "cert.pem");

    public string KeyFile => Path.Combine(Directory, "key.pem");

    public string File(string name) => Path.Combine(Directory, name);
}
