using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Kakunin.IntegrationTests.Peers;

/// <summary>
/// Pebble, Let's Encrypt's ACME test server (Debian package <c>pebble</c>), on loopback ports with a config this class
/// writes. Names resolve through <c>pebble-challtestsrv</c> (same package) as a DNS server answering 127.0.0.1 for
/// every A question, so Pebble's validation really connects to the challenge ports given here. The Debian package
/// ships no certificate for Pebble's own HTTPS, so a test CA makes one (<see cref="TrustedRootsFile"/>).
/// Validation is real: no PEBBLE_VA_ALWAYS_VALID; PEBBLE_VA_NOSLEEP only removes Pebble's random waits.
/// </summary>
public sealed class Pebble : IAsyncDisposable
{
    private readonly string _directory;
    private readonly TestCertificateAuthority _httpsAuthority = new("Pebble HTTPS Test Root");
    private readonly StringBuilder _log = new();
    private Process? _pebble;
    private Process? _dns;

    private Pebble(string directory, int acmePort, int managementPort, int dnsPort, int httpPort, int tlsPort)
    {
        _directory = directory;
        AcmePort = acmePort;
        ManagementPort = managementPort;
        DnsPort = dnsPort;
        HttpPort = httpPort;
        TlsPort = tlsPort;
    }

    public int AcmePort { get; }

    public int ManagementPort { get; }

    public int DnsPort { get; }

    /// <summary>Where Pebble connects for HTTP-01 (RFC 8555 §8.3 says port 80; Pebble lets a test choose).</summary>
    public int HttpPort { get; }

    /// <summary>Where Pebble connects for TLS-ALPN-01 (RFC 8737 says 443).</summary>
    public int TlsPort { get; }

    public string DirectoryUrl => $"https://127.0.0.1:{AcmePort}/dir";

    /// <summary>PEM root that Pebble's own HTTPS certificate chains to (Kakunin:Acme:TrustedRootsFile).</summary>
    public string TrustedRootsFile => Path.Combine(_directory, "https-root.pem");

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

    public static bool IsInstalled => File.Exists("/usr/bin/pebble") && File.Exists("/usr/bin/pebble-challtestsrv");

    /// <summary>Starts Pebble validating HTTP-01 on <paramref name="httpPort"/> and TLS-ALPN-01 on <paramref name="tlsPort"/>.</summary>
    public static async Task<Pebble> StartAsync(int httpPort, int tlsPort)
    {
        if (!IsInstalled)
        {
            throw new InvalidOperationException("Pebble is not installed: apt-get install pebble (it brings /usr/bin/pebble and pebble-challtestsrv)");
        }

        var directory = Directory.CreateTempSubdirectory("kakunin-pebble-").FullName;
        var pebble = new Pebble(directory, FreePort(), FreePort(), FreePort(), httpPort, tlsPort);
        await pebble.StartProcessesAsync();
        return pebble;
    }

    /// <summary>Starts Pebble again after <see cref="StopAsync"/> (a new CA: Pebble keeps nothing between runs).</summary>
    public Task RestartAsync() => StartProcessesAsync();

    /// <summary>Stops the ACME server (the DNS stays): the authority is down.</summary>
    public async Task StopAsync()
    {
        if (_pebble is { HasExited: false })
        {
            _pebble.Kill(entireProcessTree: true);
            await _pebble.WaitForExitAsync();
        }
    }

    /// <summary>Pebble's issuing root for this run (management interface /roots/0), the trust anchor of what it issues.</summary>
    public async Task<X509Certificate2> IssuingRootAsync()
    {
        using var http = HttpsClient();
        var pem = await http.GetStringAsync(new Uri($"https://127.0.0.1:{ManagementPort}/roots/0"));
        return X509Certificate2.CreateFromPem(pem);
    }

    /// <summary>Whether <paramref name="leaf"/>, with <paramref name="intermediates"/>, verifies to <paramref name="root"/> alone.</summary>
    public static bool Verifies(X509Certificate2 root, X509Certificate2 leaf, IEnumerable<X509Certificate2> intermediates)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.ExtraStore.AddRange(intermediates.ToArray());
        return chain.Build(leaf);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await PeerShutdown.StopAsync(_dns);
        _pebble?.Dispose();
        _httpsAuthority.Dispose();
        PeerShutdown.DeleteFolder(_directory);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task StartProcessesAsync()
    {
        var (chain, key, _) = _httpsAuthority.Issue(["localhost"], [IPAddress.Loopback]);
        File.WriteAllText(Path.Combine(_directory, "https-cert.pem"), chain);
        File.WriteAllText(Path.Combine(_directory, "https-key.pem"), key);
        File.WriteAllText(TrustedRootsFile, _httpsAuthority.RootPem);
        var config = Path.Combine(_directory, "pebble-config.json");
        File.WriteAllText(config, $$"""
            {
              "pebble": {
                "listenAddress": "127.0.0.1:{{AcmePort}}",
                "managementListenAddress": "127.0.0.1:{{ManagementPort}}",
                "certificate": "{{Path.Combine(_directory, "https-cert.pem")}}",
                "privateKey": "{{Path.Combine(_directory, "https-key.pem")}}",
                "httpPort": {{HttpPort}},
                "tlsPort": {{TlsPort}},
                "ocspResponderURL": "",
                "externalAccountBindingRequired": false
              }
            }
            """);

        if (_dns is null or { HasExited: true })
        {
            // Every A question answered with 127.0.0.1, no AAAA, and none of its own challenge listeners.
            _dns = Start("/usr/bin/pebble-challtestsrv", [
                "-defaultIPv4", "127.0.0.1", "-defaultIPv6", "", "-dns01", $"127.0.0.1:{DnsPort}",
                "-http01", "", "-https01", "", "-tlsalpn01", "", "-management", $"127.0.0.1:{FreePort()}"], new Dictionary<string, string>());
        }

        _pebble = Start("/usr/bin/pebble", ["-config", config, "-dnsserver", $"127.0.0.1:{DnsPort}", "-strict=false"],
            new Dictionary<string, string> { ["PEBBLE_VA_NOSLEEP"] = "1" });
        await WaitReadyAsync();
    }

    private Process Start(string program, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task WaitReadyAsync()
    {
        using var http = HttpsClient();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (_pebble!.HasExited)
            {
                throw new InvalidOperationException($"pebble exited with {_pebble.ExitCode}\n{Log}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(DirectoryUrl));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"pebble did not answer at {DirectoryUrl}\n{Log}");
    }

    /// <summary>An HTTPS client that trusts Pebble's own HTTPS certificate (for the management interface).</summary>
    private HttpClient HttpsClient()
    {
        var root = _httpsAuthority.Root;
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                    certificate is X509Certificate2 leaf && (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == 0 && Verifies(root, leaf, []),
            },
        };
        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }
}
