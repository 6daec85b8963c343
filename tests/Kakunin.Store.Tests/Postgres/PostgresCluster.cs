using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;

namespace Kakunin.Store.Tests.Postgres;

/// <summary>
/// A private PostgreSQL cluster for tests: initdb + pg_ctl in a fresh temp folder, listening on 127.0.0.1 only on a
/// free port, its unix socket inside that folder, fsync and synchronous_commit on (the guarantees a 250 relies on),
/// stopped and deleted on dispose. Never the system cluster. PostgreSQL refuses to run as root, and tests run as root
/// here and in CI, so a root process runs it as the <c>postgres</c> system user (Debian's package creates it) through
/// runuser, in a folder that user owns; anyone else runs it as themselves. The binaries: KAKUNIN_PG_BIN, else the
/// newest /usr/lib/postgresql/*/bin (Debian's layout; .ci/run installs the postgresql package).
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private const string SuperUser = "kakunin";
    private const string RunAsUser = "postgres";

    private readonly string _bin;
    private bool _running;

    private PostgresCluster(string folder, string bin, int port, string password)
    {
        Folder = folder;
        _bin = bin;
        Port = port;
        Password = password;
    }

    /// <summary>The temp folder: data/ (the cluster), socket/ (its unix socket), server.log.</summary>
    public string Folder { get; }

    public string DataFolder => Path.Combine(Folder, "data");

    public string SocketFolder => Path.Combine(Folder, "socket");

    public string LogFile => Path.Combine(Folder, "server.log");

    public int Port { get; }

    /// <summary>The superuser's password (scram-sha-256; trust is never configured, not even on the socket).</summary>
    public string Password { get; }

    /// <summary>A connection string to <paramref name="database"/> over TCP on 127.0.0.1 as the superuser.</summary>
    public string ConnectionString(string database = "postgres") => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = SuperUser,
        Password = Password,
        Database = database,
        Pooling = false,
        PersistSecurityInfo = true, // a test opens a second connection from the first's ConnectionString
    }.ToString();

    /// <summary>Initialises and starts a new cluster; throws with the server's log when it does not come up.</summary>
    public static async Task<PostgresCluster> StartAsync(CancellationToken cancellationToken = default)
    {
        var bin = FindBinaries();
        var folder = Path.Combine(Path.GetTempPath(), "kakunin-pg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        Directory.CreateDirectory(Path.Combine(folder, "socket"));
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var cluster = new PostgresCluster(folder, bin, FreeLoopbackPort(), password);
        try
        {
            await cluster.InitialiseAsync(cancellationToken);
            await cluster.StartServerAsync(cancellationToken);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates an empty database and returns a connection string to it (one per test keeps tests apart).</summary>
    public Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken = default) => CreateDatabaseAsync(name, null, cancellationToken);

    /// <summary>
    /// Creates an empty database that sorts text as the cluster does (C), or by the ICU locale <paramref name="icuLocale"/>
    /// when given, as an administrator's <c>CREATE DATABASE … LOCALE_PROVIDER icu</c> would (Debian's PostgreSQL has ICU).
    /// </summary>
    public async Task<string> CreateDatabaseAsync(string name, string? icuLocale, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync(cancellationToken);
        // An identifier cannot be a parameter; the name and locale are the test's own constants, quoted all the same.
        var locale = icuLocale is null ? "" : $" LOCALE_PROVIDER icu ICU_LOCALE '{icuLocale.Replace("'", "''", StringComparison.Ordinal)}'";
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\" ENCODING 'UTF8' TEMPLATE template0{locale}", connection);
        await create.ExecuteNonQueryAsync(cancellationToken);
        return ConnectionString(name);
    }

    /// <summary>Stops the server as an administrator would (<c>pg_ctl stop -m fast</c>: clients are disconnected), keeping its data.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        var stop = await RunAsync(Tool("pg_ctl"), ["stop", "-D", DataFolder, "-m", "fast", "-w", "-t", "60"], cancellationToken);
        if (stop.ExitCode != 0)
        {
            throw new InvalidOperationException($"pg_ctl stop failed ({stop.ExitCode}): {stop.Output}");
        }

        _running = false;
    }

    /// <summary>Starts the stopped server again on the same port and data.</summary>
    public Task StartAgainAsync(CancellationToken cancellationToken = default) => StartServerAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_running)
        {
            // fast: disconnect clients, checkpoint, stop; immediate only if that did not finish.
            var stop = await RunAsync(Tool("pg_ctl"), ["stop", "-D", DataFolder, "-m", "fast", "-w", "-t", "30"], CancellationToken.None);
            if (stop.ExitCode != 0)
            {
                await RunAsync(Tool("pg_ctl"), ["stop", "-D", DataFolder, "-m", "immediate", "-w", "-t", "30"], CancellationToken.None);
            }

            _running = false;
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private async Task InitialiseAsync(CancellationToken cancellationToken)
    {
        var passwordFile = Path.Combine(Folder, "password");
        await File.WriteAllTextAsync(passwordFile, Password + "\n", cancellationToken);
        await HandToServerUserAsync(cancellationToken);
        var init = await RunAsync(
            Tool("initdb"),
            ["-D", DataFolder, "-U", SuperUser, "--pwfile", passwordFile, "--auth", "scram-sha-256", "--encoding", "UTF8", "--locale", "C", "--no-instructions"],
            cancellationToken);
        File.Delete(passwordFile);
        if (init.ExitCode != 0)
        {
            throw new InvalidOperationException($"initdb failed ({init.ExitCode}): {init.Output}");
        }

        // Appended to postgresql.conf (later lines win). fsync and synchronous_commit are the defaults, written out so
        // no distribution default can turn them off: a commit returns only once its WAL is on disk.
        await File.AppendAllTextAsync(
            Path.Combine(DataFolder, "postgresql.conf"),
            $"""

            # Kakunin test cluster (tests/Kakunin.Store.Tests/Postgres/PostgresCluster.cs)
            listen_addresses = '127.0.0.1'
            port = {Port}
            unix_socket_directories = '{SocketFolder}'
            fsync = on
            synchronous_commit = on
            full_page_writes = on
            max_connections = 40
            shared_buffers = 16MB
            log_min_messages = warning

            """,
            cancellationToken);
    }

    private async Task StartServerAsync(CancellationToken cancellationToken)
    {
        // The postmaster's own output goes to the log file (-l), so nothing holds our pipes once pg_ctl returns.
        var start = await RunAsync(Tool("pg_ctl"), ["start", "-D", DataFolder, "-l", LogFile, "-w", "-t", "60"], cancellationToken);
        if (start.ExitCode != 0)
        {
            var log = File.Exists(LogFile) ? await File.ReadAllTextAsync(LogFile, cancellationToken) : "(no log)";
            throw new InvalidOperationException($"pg_ctl start failed ({start.ExitCode}): {start.Output}\n{log}");
        }

        _running = true;
    }

    private async Task HandToServerUserAsync(CancellationToken cancellationToken)
    {
        if (!IsRoot)
        {
            return;
        }

        var chown = await RunProcessAsync("chown", ["-R", $"{RunAsUser}:{RunAsUser}", Folder], cancellationToken);
        if (chown.ExitCode != 0)
        {
            throw new InvalidOperationException($"chown of {Folder} to {RunAsUser} failed: {chown.Output}");
        }
    }

    private string Tool(string name) => Path.Combine(_bin, name);

    private static bool IsRoot => Environment.UserName == "root";

    // As root: through runuser as the postgres user (PostgreSQL will not run as root). Otherwise as ourselves.
    private static Task<(int ExitCode, string Output)> RunAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        IsRoot
            ? RunProcessAsync("runuser", ["-u", RunAsUser, "--", tool, .. arguments], cancellationToken)
            : RunProcessAsync(tool, arguments, cancellationToken);

    private static async Task<(int ExitCode, string Output)> RunProcessAsync(string fileName, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = "/",
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {fileName}");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, (await stdout) + (await stderr));
    }

    private static string FindBinaries()
    {
        var configured = Environment.GetEnvironmentVariable("KAKUNIN_PG_BIN");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        const string root = "/usr/lib/postgresql";
        var newest = Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Select(d => (Dir: d, Version: int.TryParse(Path.GetFileName(d), out var v) ? v : -1))
                .Where(d => d.Version > 0 && File.Exists(Path.Combine(d.Dir, "bin", "initdb")))
                .OrderByDescending(d => d.Version)
                .Select(d => Path.Combine(d.Dir, "bin"))
                .FirstOrDefault()
            : null;
        return newest ?? throw new InvalidOperationException(
            "PostgreSQL's server binaries were not found under /usr/lib/postgresql/*/bin: apt-get install postgresql (as .ci/run does), or set KAKUNIN_PG_BIN");
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
