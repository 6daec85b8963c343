using System.Net;
using System.Net.Sockets;

namespace Kakunin.IntegrationTests.Storage;

/// <summary>
/// Issue 15, item 2: <c>kakunin serve</c> that cannot start exits 1 with ONE line on standard error naming the folder or
/// option and the cause, never a stack trace. Shown with real faults: a full tmpfs (a new data folder and one that
/// already holds a database), a read-only one, a malformed option, a port another program holds.
/// </summary>
public sealed class StartFailureTests
{
    [Fact]
    public async Task Serve_on_a_full_file_system_says_so_in_one_sentence_for_a_new_and_an_existing_data_folder()
    {
        await using var disk = await SmallFileSystem.MountAsync(8L << 20);
        var existing = Path.Combine(disk.Path, "existing");
        await using (var server = await KakuninProcess.StartAsync(dataDirectory: existing, extraArgs: ["--storage-reserve", "0"]))
        {
            // a data folder with a database in it, left by a server that was killed
        }

        await disk.FillAsync(leave: 0);

        foreach (var folder in new[] { Path.Combine(disk.Path, "new"), existing })
        {
            var (exit, error) = await ServeAsync("--data", folder);
            Assert.Equal(1, exit);
            var line = Assert.Single(Lines(error));
            Assert.StartsWith($"kakunin: the data folder {folder} is on a full file system (0 bytes free of 8 MiB): free space there or move the data folder, then start again (", line, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_administrator_command_on_a_full_file_system_says_so_in_one_line()
    {
        await using var disk = await SmallFileSystem.MountAsync(8L << 20);
        var folder = Path.Combine(disk.Path, "data");
        var created = await KakuninCli.RunAsync("domain", "add", "first.test", "--data", folder);
        Assert.True(created.Exit == 0, created.Error);
        await disk.FillAsync(leave: 0);

        var (exit, output, error) = await KakuninCli.RunAsync("domain", "add", "second.test", "--data", folder);

        Assert.Equal(1, exit);
        var line = Assert.Single(Lines(error));
        Assert.StartsWith($"kakunin: the data folder {folder} (from --data) is on a full file system (0 bytes free of 8 MiB): free space there and run the command again (SQLite Error", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_on_a_read_only_file_system_says_so_in_one_sentence()
    {
        await using var disk = await SmallFileSystem.MountAsync(8L << 20);
        await disk.RemountReadOnlyAsync();
        var folder = Path.Combine(disk.Path, "data");

        var (exit, error) = await ServeAsync("--data", folder);

        Assert.Equal(1, exit);
        var line = Assert.Single(Lines(error));
        Assert.StartsWith($"kakunin: the data folder {folder} is on a read-only file system: mount it read-write or choose another folder with --data (", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--metrics-networks", "garbage", "kakunin: --metrics-networks (Kakunin:MetricsNetworks): \"garbage\" is not a CIDR block")]
    [InlineData("--trusted-networks", "10.0.0.0/33", "kakunin: --trusted-networks (Kakunin:TrustedNetworks): \"10.0.0.0/33\" is not a CIDR block")]
    [InlineData("--listen", "127.0.1", "kakunin: --listen (Kakunin:ListenAddress): \"127.0.1\" is not an IP address")]
    [InlineData("--dns-servers", "ns1.example", "kakunin: --dns-servers (Kakunin:DnsServers): \"ns1.example\" is not a name server's IP address")]
    [InlineData("--smarthost", "relay:smtp", "kakunin: --smarthost (Kakunin:SmartHost): \"relay:smtp\" does not end in a port number")]
    [InlineData("--storage-reserve", "lots", "kakunin: --storage-reserve (Kakunin:Storage:Reserve) \"lots\" is not a size")]
    public async Task A_malformed_option_stops_serve_with_one_sentence_naming_it(string option, string value, string expected)
    {
        var folder = Directory.CreateTempSubdirectory("kakunin-option-").FullName;

        var (exit, error) = await ServeAsync("--data", folder, option, value);

        Assert.Equal(1, exit);
        var line = Assert.Single(Lines(error));
        Assert.StartsWith(expected, line, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder, "kakunin.db")), "nothing is written before the options are checked");
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_port_in_use_stops_serve_with_one_sentence_and_no_stack_trace_in_the_log()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;
        var folder = Directory.CreateTempSubdirectory("kakunin-port-").FullName;

        var (exit, output, error) = await KakuninCli.RunAsync("serve", "--data", folder, "--smtp-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--submission-port", KakuninProcess.FreePort().ToString(), "--submission-tls-port", KakuninProcess.FreePort().ToString(), "--imap-port", KakuninProcess.FreePort().ToString(), "--imaps-port", KakuninProcess.FreePort().ToString(), "--http-port", KakuninProcess.FreePort().ToString());

        Assert.Equal(1, exit);
        var line = Assert.Single(Lines(error));
        Assert.Equal($"kakunin: serve could not start: Failed to bind to address http://127.0.0.1:{port}: address already in use. (Address already in use)", line);
        Assert.DoesNotContain("   at ", output + error, StringComparison.Ordinal);
        Directory.Delete(folder, recursive: true);
    }

    private static async Task<(int Exit, string Error)> ServeAsync(params string[] args)
    {
        var (exit, output, error) = await KakuninCli.RunAsync(
        [
            "serve", .. args, "--smtp-port", KakuninProcess.FreePort().ToString(), "--submission-port", KakuninProcess.FreePort().ToString(),
            "--submission-tls-port", KakuninProcess.FreePort().ToString(), "--imap-port", KakuninProcess.FreePort().ToString(), "--imaps-port", KakuninProcess.FreePort().ToString(), "--http-port", KakuninProcess.FreePort().ToString(),
        ]);
        Assert.DoesNotContain("   at ", output + error, StringComparison.Ordinal); // no stack trace anywhere
        return (exit, error);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
