using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using DnsClient;

namespace Kakunin.IntegrationTests.Authentication;

/// <summary>
/// A real authoritative DNS server (Debian's NSD) on a loopback port, serving the zones a test gives it from a
/// private folder. Stands in until the shared DNS fixture is merged: tests only hand it <see cref="DnsRecord"/>s,
/// so moving them to that fixture changes this class, not the tests. Names outside the zones get REFUSED, which
/// resolvers take as a temporary failure.
/// </summary>
public sealed class NsdServer : IAsyncDisposable
{
    private const string Nsd = "/usr/sbin/nsd";
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private NsdServer(Process process, string directory, int port)
    {
        (_process, Directory, Port) = (process, directory, port);
    }

    public string Directory { get; }

    public int Port { get; }

    /// <summary>"127.0.0.1:port", for --dns-servers.</summary>
    public string Endpoint => $"127.0.0.1:{Port}";

    public string Log
    {
        get
        {
            lock (_log) return _log.ToString();
        }
    }

    /// <summary>Starts NSD with one zone per apex in <paramref name="zones"/>, each holding the records below it.</summary>
    public static async Task<NsdServer> StartAsync(IReadOnlyList<string> zones, IReadOnlyList<DnsRecord> records)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("kakunin-nsd-").FullName;
        var port = FreeUdpAndTcpPort();
        var conf = new StringBuilder()
            .AppendLine("server:")
            .AppendLine($"  ip-address: 127.0.0.1@{port}")
            .AppendLine("  username: \"\"")
            .AppendLine("  chroot: \"\"")
            .AppendLine($"  zonesdir: \"{directory}\"")
            .AppendLine("  database: \"\"")
            .AppendLine($"  zonelistfile: \"{directory}/zone.list\"")
            .AppendLine($"  xfrdfile: \"{directory}/xfrd.state\"")
            .AppendLine($"  xfrdir: \"{directory}\"")
            .AppendLine($"  pidfile: \"{directory}/nsd.pid\"")
            .AppendLine("  server-count: 1")
            .AppendLine("  verbosity: 1")
            .AppendLine("remote-control:")
            .AppendLine("  control-enable: no");
        foreach (var zone in zones)
        {
            conf.AppendLine("zone:").AppendLine($"  name: \"{zone}\"").AppendLine($"  zonefile: \"{zone}.zone\"");
            var inZone = records.Where(r => r.Name.Equals(zone, StringComparison.OrdinalIgnoreCase) || r.Name.EndsWith("." + zone, StringComparison.OrdinalIgnoreCase));
            await File.WriteAllTextAsync(Path.Combine(directory, zone + ".zone"), ZoneFile(zone, inZone));
        }
        await File.WriteAllTextAsync(Path.Combine(directory, "nsd.conf"), conf.ToString());

        var info = new ProcessStartInfo(Nsd) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-d", "-c", Path.Combine(directory, "nsd.conf") }) info.ArgumentList.Add(arg);
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start nsd (Debian package nsd)");
        var server = new NsdServer(process, directory, port);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitAnsweringAsync(zones[0]);
        return server;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log) _log.AppendLine(line);
    }

    private async Task WaitAnsweringAsync(string zone)
    {
        var client = new LookupClient(new LookupClientOptions(new IPEndPoint(IPAddress.Loopback, Port)) { UseCache = false, Timeout = TimeSpan.FromMilliseconds(300), Retries = 0 });
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) Assert.Fail($"nsd exited:\n{Log}");
            try
            {
                if ((await client.QueryAsync(zone, QueryType.SOA)).Answers.Count > 0) return;
            }
            catch (DnsResponseException)
            {
                // not listening yet
            }
            await Task.Delay(100);
        }
        Assert.Fail($"nsd did not answer for {zone}:\n{Log}");
    }

    // RFC 1035 §5 master file: SOA and NS at the apex, then the records; TXT split into <=255-octet strings (§3.3.14).
    private static string ZoneFile(string zone, IEnumerable<DnsRecord> records)
    {
        var text = new StringBuilder()
            .AppendLine($"$ORIGIN {zone}.")
            .AppendLine("$TTL 60")
            .AppendLine($"@ IN SOA ns.{zone}. hostmaster.{zone}. 1 3600 600 86400 60")
            .AppendLine($"@ IN NS ns.{zone}.")
            .AppendLine("ns IN A 127.0.0.1");
        foreach (var r in records)
        {
            var value = r.Type == "TXT"
                ? string.Join(' ', r.Value.Chunk(255).Select(c => "\"" + new string(c).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\""))
                : r.Value;
            text.AppendLine($"{r.Name}. IN {r.Type} {value}");
        }
        return text.ToString();
    }

    private static int FreeUdpAndTcpPort()
    {
        for (var attempt = 0; ; attempt++)
        {
            using var tcp = new TcpListener(IPAddress.Loopback, 0);
            tcp.Start();
            var port = ((IPEndPoint)tcp.LocalEndpoint).Port;
            try
            {
                using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException) when (attempt < 20)
            {
                // UDP port taken: try another
            }
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
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // left for the OS to clean
        }
    }
}
