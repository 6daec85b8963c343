using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using DnsClient;

namespace Kakunin.IntegrationTests.Peers;

/// <summary>
/// A real authoritative DNS server (Debian's NSD) serving test zones on a loopback port, started by a test with a
/// private configuration and zone files in a temp folder (no privileges dropped, no chroot, no control socket).
/// Point Kakunin at it with <c>--dns-servers</c> <see cref="Endpoint"/>, OpenDKIM with <c>postfix-peer --opendkim</c>.
/// Change a zone's records and call <see cref="ReloadAsync"/> (SIGHUP; the call returns once the new serial is served).
/// </summary>
public sealed class AuthoritativeDns : IAsyncDisposable
{
    private const string Nsd = "/usr/sbin/nsd";
    private readonly Process _process;
    private readonly List<DnsZone> _zones;
    private readonly LookupClient _client;
    private readonly StringWriter _output = new();

    private AuthoritativeDns(Process process, string directory, int port, List<DnsZone> zones)
    {
        _process = process;
        Directory = directory;
        Port = port;
        _zones = zones;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _client = new LookupClient(new LookupClientOptions(new IPEndPoint(IPAddress.Loopback, port))
        {
            UseCache = false,
            Timeout = TimeSpan.FromSeconds(1),
            Retries = 0,
            ThrowDnsErrors = false,
        });
    }

    public string Directory { get; }

    public int Port { get; }

    /// <summary>"127.0.0.1:PORT", as <c>--dns-servers</c> and <c>postfix-peer --opendkim</c> take it.</summary>
    public string Endpoint => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>What NSD printed and its log file (for failure messages).</summary>
    public string Log
    {
        get
        {
            var file = Path.Combine(Directory, "nsd.log");
            lock (_output)
            {
                return _output + (File.Exists(file) ? File.ReadAllText(file) : string.Empty);
            }
        }
    }

    public DnsZone Zone(string name) => _zones.Single(z => string.Equals(z.Name, name.TrimEnd('.'), StringComparison.OrdinalIgnoreCase));

    /// <summary>Starts NSD serving <paramref name="zones"/> on a free loopback port; fails (never skips) without NSD.</summary>
    public static async Task<AuthoritativeDns> StartAsync(params DnsZone[] zones)
    {
        if (!File.Exists(Nsd))
        {
            Assert.Fail("NSD is not installed (/usr/sbin/nsd missing): apt-get install nsd (see .ci/run). These tests need a real DNS server.");
        }

        var directory = System.IO.Directory.CreateTempSubdirectory("kakunin-dns-").FullName;
        var port = FreeUdpAndTcpPort();
        foreach (var zone in zones)
        {
            await File.WriteAllTextAsync(Path.Combine(directory, zone.Name + ".zone"), zone.ZoneFile());
        }

        await File.WriteAllTextAsync(Path.Combine(directory, "nsd.conf"), Config(directory, port, zones));
        var info = new ProcessStartInfo(Nsd) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // -d: stay in the foreground, so the test owns the process and disposing it ends the server.
        foreach (var arg in new[] { "-d", "-c", Path.Combine(directory, "nsd.conf") })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("nsd did not start");
        var dns = new AuthoritativeDns(process, directory, port, [.. zones]);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        foreach (var zone in zones)
        {
            await dns.WaitForSerialAsync(zone);
        }

        return dns;
    }

    /// <summary>Writes every zone with a new serial, signals NSD to reload and waits until it serves the new serials.</summary>
    public async Task ReloadAsync()
    {
        foreach (var zone in _zones)
        {
            zone.Serial++;
            await File.WriteAllTextAsync(Path.Combine(Directory, zone.Name + ".zone"), zone.ZoneFile());
        }

        // NSD 4: SIGHUP re-reads the zone files that changed.
        var (code, output) = await ExternalClient.RunAsync("kill", ["-HUP", _process.Id.ToString(CultureInfo.InvariantCulture)]);
        Assert.True(code == 0, $"kill -HUP nsd failed: {output}");
        foreach (var zone in _zones)
        {
            await WaitForSerialAsync(zone);
        }
    }

    /// <summary>The TXT strings at <paramref name="name"/>, joined per record, as a resolver sees them.</summary>
    public async Task<IReadOnlyList<string>> TxtAsync(string name)
    {
        var response = await _client.QueryAsync(name, QueryType.TXT);
        return [.. response.Answers.TxtRecords().Select(r => string.Concat(r.Text))];
    }

    public async ValueTask DisposeAsync()
    {
        await PeerShutdown.StopAsync(_process);
        PeerShutdown.DeleteFolder(Directory);
    }

    private async Task WaitForSerialAsync(DnsZone zone)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60); // generous: the full suite runs browsers and servers beside it on 2 cores
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                Assert.Fail($"nsd exited with {_process.ExitCode}\n{Log}");
            }

            try
            {
                var response = await _client.QueryAsync(zone.Name, QueryType.SOA);
                if (response.Answers.SoaRecords().FirstOrDefault()?.Serial == zone.Serial)
                {
                    return;
                }
            }
            catch (DnsResponseException)
            {
            }

            await Task.Delay(50);
        }

        Assert.Fail($"nsd did not serve {zone.Name} serial {zone.Serial} on {Endpoint}\n{Log}");
    }

    /// <summary>A loopback port free for both TCP and UDP: NSD answers on both, and a TCP-only probe can hand out a
    /// port whose UDP side another process holds.</summary>
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
                // its UDP side is taken: try another
            }
        }
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

    private static string Config(string directory, int port, IEnumerable<DnsZone> zones)
    {
        var config = $"""
            server:
              ip-address: 127.0.0.1
              port: {port.ToString(CultureInfo.InvariantCulture)}
              username: ""
              chroot: ""
              zonesdir: "{directory}"
              database: ""
              zonelistfile: "{directory}/zone.list"
              xfrdfile: "{directory}/xfrd.state"
              xfrdir: "{directory}"
              pidfile: "{directory}/nsd.pid"
              logfile: "{directory}/nsd.log"
              server-count: 1
              hide-version: yes
            remote-control:
              control-enable: no

            """;
        return config + string.Concat(zones.Select(z => $"zone:\n  name: \"{z.Name}\"\n  zonefile: \"{z.Name}.zone\"\n"));
    }
}
