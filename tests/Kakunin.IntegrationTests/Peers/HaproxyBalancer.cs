using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace Kakunin.IntegrationTests.Peers;

/// <summary>
/// Debian's HAProxy as the TCP balancer of docs/postgresql.md ("Load balancing"), in the foreground (-db) with its
/// configuration in a private folder. Each frontend listens on a free loopback port and passes to one Kakunin port,
/// connecting from <see cref="Source"/> (its own loopback address, so that Kakunin can tell the balancer from clients)
/// and sending the PROXY header of the frontend's version.
/// </summary>
internal sealed class HaproxyBalancer : IAsyncDisposable
{
    /// <summary>The address HAProxy connects to Kakunin from.</summary>
    public const string Source = "127.0.0.3";

    private const string Program = "/usr/sbin/haproxy";

    private readonly Process _process;
    private readonly string _folder;

    private HaproxyBalancer(Process process, string folder, IReadOnlyDictionary<int, int> ports) => (_process, _folder, Ports) = (process, folder, ports);

    /// <summary>Kakunin's port → the balancer's port in front of it.</summary>
    public IReadOnlyDictionary<int, int> Ports { get; }

    /// <summary>Starts one frontend per (Kakunin port, PROXY version 1 or 2).</summary>
    public static async Task<HaproxyBalancer> StartAsync(params (int KakuninPort, int Version)[] backends)
    {
        var folder = Directory.CreateTempSubdirectory("kakunin-haproxy-").FullName;
        var ports = backends.ToDictionary(b => b.KakuninPort, _ => KakuninProcess.FreePort());
        var config = Path.Combine(folder, "haproxy.cfg");
        await File.WriteAllTextAsync(config, Config(backends, ports));
        var start = new ProcessStartInfo(Program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-db", "-f", config })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var balancer = new HaproxyBalancer(process, folder, ports);
        foreach (var port in ports.Values)
        {
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    using var probe = new TcpClient();
                    await probe.ConnectAsync("127.0.0.1", port);
                    break;
                }
                catch (SocketException) when (attempt < 100 && !process.HasExited)
                {
                    await Task.Delay(100);
                }
                catch (SocketException)
                {
                    await balancer.DisposeAsync();
                    lock (output)
                    {
                        throw new InvalidOperationException("haproxy did not listen on " + port + ":\n" + output);
                    }
                }
            }
        }

        return balancer;
    }

    public async ValueTask DisposeAsync()
    {
        await PeerShutdown.StopAsync(_process);
        PeerShutdown.DeleteFolder(_folder);
    }

    // The backend lines are docs/postgresql.md's (send-proxy-v2; send-proxy for version 1), with the test's ports and source.
    private static string Config((int KakuninPort, int Version)[] backends, Dictionary<int, int> ports)
    {
        var text = new System.Text.StringBuilder("""
            defaults
                mode tcp
                timeout connect 5s
                timeout client 60s
                timeout server 60s

            """);
        foreach (var (kakunin, version) in backends)
        {
            var name = kakunin.ToString(CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"""
                frontend in_{name}
                    bind 127.0.0.1:{ports[kakunin]}
                    default_backend to_{name}
                backend to_{name}
                    server node1 127.0.0.1:{kakunin} {(version == 2 ? "send-proxy-v2" : "send-proxy")} source {Source}

                """);
        }

        return text.ToString();
    }
}
