using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text.RegularExpressions;
using Kakunin.Store;
using Microsoft.Data.Sqlite;

namespace Kakunin.Cli.Tests;

/// <summary>
/// What a user reads when a command cannot find its input, its data folder or its server: one line on standard error
/// naming what was tried and where that came from, and a non-zero exit (issue 10: "every error names what it tried").
/// </summary>
public sealed partial class CliErrorTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("kakunin-cli-errors-");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Delete(recursive: true);
    }

    private (int ExitCode, string Output, string Error) Run(IReadOnlyDictionary<string, string> variables, params string[] args)
    {
        var (exit, output, error) = CliRunner.Run(CliRunner.Isolated(variables, _dir.FullName), args);
        return (exit, output, error.ReplaceLineEndings("\n"));
    }

    private (int ExitCode, string Output, string Error) Run(params string[] args) => Run(new Dictionary<string, string>(), args);

    [Fact]
    public void Send_to_a_closed_port_names_the_address_the_listener_and_where_the_address_came_from()
    {
        var port = ClosedPort();
        var variables = new Dictionary<string, string> { ["KAKUNIN_SERVER"] = $"127.0.0.1:{port}" };

        var (exit, output, error) = Run(variables, "send", "--from", "alice@example.test", "--to", "bob@example.test", "--body", "hi");

        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, output);
        Assert.Equal($"kakunin: could not connect to 127.0.0.1:{port} (submission, from KAKUNIN_SERVER): Connection refused\n", error);
    }

    [Fact]
    public void Send_over_implicit_TLS_to_the_configured_port_says_so()
    {
        var port = ClosedPort();
        var config = Path.Combine(_dir.FullName, "kakunin.json");
        File.WriteAllText(config, $$"""{ "Kakunin": { "SubmissionTlsPort": {{port}} } }""");

        var (exit, _, error) = Run(new Dictionary<string, string> { ["KAKUNIN_CONFIG"] = config },
            "send", "--tls", "implicit", "--from", "alice@example.test", "--to", "bob@example.test", "--body", "hi");

        Assert.Equal(1, exit);
        Assert.Equal($"kakunin: could not connect to 127.0.0.1:{port} (submission over TLS, from {config}): Connection refused\n", error);
    }

    [Fact]
    public void Send_with_a_server_that_is_not_host_and_port_says_which_option()
    {
        var (exit, _, error) = Run("send", "--server", "localhost:smtp", "--from", "alice@example.test", "--to", "bob@example.test", "--body", "hi");

        Assert.Equal(1, exit);
        Assert.Equal("kakunin: 'localhost:smtp' (from --server) is not host:port\n", error);
    }

    [Fact]
    public void Send_with_an_address_that_does_not_parse_names_the_option()
    {
        var (exit, _, error) = Run("send", "--server", "127.0.0.1:1", "--from", "alice@example.test", "--to", "bob@@", "--body", "hi");

        Assert.Equal(2, exit);
        Assert.Equal("kakunin: --to 'bob@@' is not a mail address\n", error);
    }

    [Fact]
    public void An_admin_command_without_a_data_folder_names_the_default_it_tried_and_how_to_give_one()
    {
        var (exit, _, error) = Run("mailbox", "list", "bob@example.test");

        Assert.Equal(1, exit);
        Assert.Equal(
            $"kakunin: no Kakunin database in {Path.Combine(_dir.FullName, "kakunin-data")} (the default): the folder does not exist; "
            + "give --data DIR or set KAKUNIN_DATA to the folder 'kakunin serve' uses\n",
            error);
        Assert.False(Directory.Exists(Path.Combine(_dir.FullName, "kakunin-data")));
    }

    [Fact]
    public void Backup_and_restore_on_a_PostgreSQL_store_refuse_and_name_pg_dump_instead_of_archiving_a_stale_sqlite_file()
    {
        // A folder that once ran on SQLite and now on PostgreSQL: its old kakunin.db is not the mail any more.
        var data = _dir.CreateSubdirectory("was-sqlite").FullName;
        File.WriteAllText(Path.Combine(data, "kakunin.db"), "an old SQLite store");
        var postgres = new Dictionary<string, string>
        {
            ["KAKUNIN_DATA"] = data,
            ["KAKUNIN__STORE__CONNECTIONSTRING"] = "Host=127.0.0.1;Port=1;Database=kakunin;Username=kakunin;Password=secret-never-shown",
        };
        var archive = Path.Combine(_dir.FullName, "backup.tar");

        foreach (var args in new[] { new[] { "backup", archive }, ["restore", archive] })
        {
            var (exit, output, error) = Run(postgres, args);

            Assert.Equal(1, exit);
            Assert.Equal("", output);
            Assert.StartsWith("kakunin: the store is PostgreSQL (Kakunin:Store:ConnectionString, from KAKUNIN__STORE__CONNECTIONSTRING): back it up with pg_dump", error, StringComparison.Ordinal);
            Assert.DoesNotContain("secret-never-shown", error, StringComparison.Ordinal);
        }

        Assert.False(File.Exists(archive));
        Assert.Equal("an old SQLite store", File.ReadAllText(Path.Combine(data, "kakunin.db")));
    }

    [Fact]
    public void A_data_folder_without_a_database_names_the_variable_it_came_from()
    {
        var empty = _dir.CreateSubdirectory("empty").FullName;

        var (exit, _, error) = Run(new Dictionary<string, string> { ["KAKUNIN_DATA"] = empty }, "queue", "list");

        Assert.Equal(1, exit);
        Assert.Equal($"kakunin: no Kakunin database in {empty} (from KAKUNIN_DATA): it has no kakunin.db\n", error);
    }

    [Fact]
    public async Task Every_admin_command_finds_the_folder_through_KAKUNIN_DATA_and_names_it_when_something_is_not_there()
    {
        var data = Path.Combine(_dir.FullName, "srv");
        await using (var store = await KakuninStore.OpenAsync(data, new StoreOptions { PasswordIterations = 1000 }, TestContext.Current.CancellationToken))
        {
            await store.Directory.AddDomainAsync("example.test", TestContext.Current.CancellationToken);
        }

        var variables = new Dictionary<string, string> { ["KAKUNIN_DATA"] = data };
        Assert.Equal((0, "example.test\n", string.Empty), Normalize(Run(variables, "domain", "list")));

        var (exit, _, error) = Run(variables, "mailbox", "list", "bob@example.test");
        Assert.Equal(1, exit);
        Assert.Equal($"kakunin: no user bob@example.test in {data} (from KAKUNIN_DATA)\n", error);
    }

    [Fact]
    public void A_configuration_file_named_but_missing_stops_an_admin_command_naming_it()
    {
        var missing = Path.Combine(_dir.FullName, "kakunin.json");

        var (exit, _, error) = Run(new Dictionary<string, string> { ["KAKUNIN_CONFIG"] = missing }, "user", "list");

        Assert.Equal(1, exit);
        Assert.Equal($"kakunin: the configuration file {missing} (from KAKUNIN_CONFIG) does not exist\n", error);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("table")]
    public void Report_parse_of_a_missing_folder_names_it_prints_nothing_and_fails(string format)
    {
        var missing = Path.Combine(_dir.FullName, "Maildir", "cur");

        var (exit, output, error) = Run("report", "parse", missing, "--format", format);

        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, output);
        Assert.Equal($"kakunin: {missing}: no such file or directory\n", error);
    }

    [Fact]
    public void Report_parse_of_an_empty_folder_is_no_error()
    {
        var (exit, output, error) = Run("report", "parse", _dir.CreateSubdirectory("cur").FullName);

        Assert.Equal((0, string.Empty, string.Empty), (exit, output, error));
    }

    [Fact]
    public void Compose_with_a_missing_original_names_the_file()
    {
        var missing = Path.Combine(_dir.FullName, "original.eml");

        var mdn = Run("report", "compose", "mdn", "--original", missing, "--reader", "bob@example.test");
        var dsn = Run("report", "compose", "dsn", "--original", missing, "--sender", "alice@example.test", "--recipient", "bob@example.test");

        Assert.Equal((1, string.Empty, $"kakunin: --original {missing}: no such file\n"), mdn);
        Assert.Equal((1, string.Empty, $"kakunin: --original {missing}: no such file\n"), dsn);
    }

    [Fact]
    public void Compose_into_a_folder_that_does_not_exist_names_the_output_file()
    {
        var output = Path.Combine(_dir.FullName, "no-such-folder", "dsn.eml");

        var (exit, _, error) = Run("report", "compose", "dsn", "--sender", "alice@example.test", "--recipient", "bob@example.test", "--output", output);

        Assert.Equal(1, exit);
        Assert.Contains($"kakunin: cannot write --output {output}: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Version_prints_the_version_and_the_commit_it_was_built_from()
    {
        var (exit, output, _) = Run("--version");

        Assert.Equal(0, exit);
        // The SDK appends the commit (SourceLink's SourceRevisionId) when it builds from a git checkout, as CI does.
        Assert.Matches(VersionWithCommit(), output.Trim());
        Assert.Equal(typeof(KakuninCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion, output.Trim());
    }

    [GeneratedRegex("^[0-9]+\\.[0-9]+\\.[0-9]+(-[0-9A-Za-z.-]+)?\\+[0-9a-f]{40}$")]
    private static partial Regex VersionWithCommit();

    private static (int, string, string) Normalize((int ExitCode, string Output, string Error) run) =>
        (run.ExitCode, run.Output.ReplaceLineEndings("\n"), run.Error);

    /// <summary>A loopback port nothing listens on: bound, read, closed.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
