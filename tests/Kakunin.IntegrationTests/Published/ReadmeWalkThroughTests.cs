using System.Text.RegularExpressions;

namespace Kakunin.IntegrationTests.Published;

/// <summary>
/// The published program (scripts/publish) as a user meets it: the README walk-through, read from README.md and run
/// line by line in bash against a published <c>kakunin serve</c> on ports and a data folder that are not the defaults,
/// with only the variables the README tells the reader to set; and a server set up through a configuration file that
/// the other commands then find by themselves.
/// </summary>
public sealed partial class ReadmeWalkThroughTests : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("kakunin-readme-");

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public async Task The_README_walk_through_works_with_the_published_program_on_other_ports_and_another_data_folder()
    {
        var published = await PublishedProgram.FolderAsync();
        var data = Path.Combine(_work.FullName, "mail data"); // not ./kakunin-data, and with a space to quote
        await using var server = await KakuninProcess.StartAsync(data, program: Path.Combine(published, "kakunin"));
        var walk = ReadmeWalkThrough.Load(Path.Combine(PublishedProgram.RepositoryRoot(), "README.md"));

        // What the README tells the reader to set, each set here to what this server was started with.
        var values = new Dictionary<string, string>
        {
            ["KAKUNIN_DATA"] = data,
            ["KAKUNIN_SERVER"] = $"127.0.0.1:{server.SubmissionPort}",
            ["KAKUNIN_PASSWORD"] = KakuninProcess.Password,
        };
        Assert.Equal(values.Keys.Order(), walk.Variables.Order());
        var environment = new Dictionary<string, string>(values)
        {
            ["PATH"] = $"{published}:{Environment.GetEnvironmentVariable("PATH")}",
            ["HOME"] = _work.FullName,
            ["LANG"] = "C.UTF-8",
        };
        var elsewhere = _work.CreateSubdirectory("elsewhere").FullName; // not the data folder's parent

        string? dsnId = null;
        var seen = new List<string>();
        foreach (var line in walk.Commands)
        {
            Assert.StartsWith("kakunin ", line, StringComparison.Ordinal);
            var command = line.Replace(" ID ", $" {dsnId} ", StringComparison.Ordinal);
            (int Exit, string Output, string Error) run;
            if (line.StartsWith("kakunin send ", StringComparison.Ordinal))
            {
                run = await RunAsync(command, environment, elsewhere);
                Assert.Matches($"^sent \\S+ via 127\\.0\\.0\\.1:{server.SubmissionPort}: .*queued as", run.Output);
                seen.Add("send");
            }
            else if (line.StartsWith("kakunin mailbox list bob@example.test", StringComparison.Ordinal))
            {
                // Bob's copy: delivered locally a moment after the 250.
                run = await RetryAsync(command, environment, elsewhere, r => r.Output.Contains("Contract", StringComparison.Ordinal), server);
                Assert.Contains("alice@example.test", run.Output, StringComparison.Ordinal);
                seen.Add("bob's inbox");
            }
            else if (line.StartsWith("kakunin mailbox list alice@example.test", StringComparison.Ordinal))
            {
                // NOTIFY=SUCCESS: the "delivered" DSN (RFC 3464) comes back to Alice; the reader notes its Id.
                const string subject = "Delivery Status Notification (Success)";
                run = await RetryAsync(command, environment, elsewhere, r => r.Output.Contains(subject, StringComparison.Ordinal), server);
                dsnId = IdOfRow().Match(run.Output.Split('\n').Single(l => l.Contains(subject, StringComparison.Ordinal))).Groups["id"].Value;
                seen.Add("alice's inbox");
            }
            else if (line.StartsWith("kakunin mailbox show alice@example.test ID", StringComparison.Ordinal))
            {
                Assert.NotNull(dsnId);
                run = await RunAsync(command, environment, elsewhere);
                // The report parsed: Bob, delivered, 2.0.0 (RFC 3464 §2.3.3 action, RFC 3463 success class).
                var row = run.Output.Split('\n').Single(l => l.Contains("bob@example.test", StringComparison.Ordinal));
                Assert.Contains("dsn", row, StringComparison.Ordinal);
                Assert.Contains("delivered", row, StringComparison.Ordinal);
                Assert.Contains("2.0.0", row, StringComparison.Ordinal);
                seen.Add("report");
            }
            else
            {
                run = await RunAsync(command, environment, elsewhere);
            }

            Assert.True(run.Exit == 0, $"{command}\nexit {run.Exit}\n{run.Output}\n{run.Error}");
        }

        Assert.Equal(["send", "bob's inbox", "alice's inbox", "report"], seen);
    }

    [Fact]
    public async Task Serve_and_every_other_command_read_the_same_configuration_file_and_KAKUNIN_DATA_over_it()
    {
        var published = await PublishedProgram.FolderAsync();
        var data = Path.Combine(_work.FullName, "from-variable");
        var overridden = Path.Combine(_work.FullName, "from-file");
        int[] ports = [KakuninProcess.FreePort(), KakuninProcess.FreePort(), KakuninProcess.FreePort(), KakuninProcess.FreePort()];
        var config = Path.Combine(_work.FullName, "kakunin.json");
        File.WriteAllText(config, $$"""
            { "Kakunin": { "DataDirectory": "{{overridden}}", "SmtpPort": {{ports[0]}}, "SubmissionPort": {{ports[1]}},
                           "SubmissionTlsPort": {{ports[2]}}, "HttpPort": {{ports[3]}}, "HostName": "mx.example.test" } }
            """);
        var environment = new Dictionary<string, string>
        {
            ["KAKUNIN_CONFIG"] = config,
            ["KAKUNIN_DATA"] = data,
            ["KAKUNIN_PASSWORD"] = KakuninProcess.Password,
            ["PATH"] = $"{published}:{Environment.GetEnvironmentVariable("PATH")}",
            ["HOME"] = _work.FullName,
        };
        var elsewhere = _work.CreateSubdirectory("elsewhere").FullName;
        await using var server = await ConfiguredServer.StartAsync(Path.Combine(published, "kakunin"), environment, elsewhere, ports[3]);

        var sent = await RunAsync(
            "kakunin send --insecure --user bob@example.test --from bob@example.test --to alice@example.test --subject Configured --body hi",
            environment, elsewhere);
        Assert.True(sent.Exit == 0, sent.Error);
        Assert.Contains($"via 127.0.0.1:{ports[1]}", sent.Output, StringComparison.Ordinal);
        await RetryAsync("kakunin mailbox list alice@example.test", environment, elsewhere, r => r.Output.Contains("Configured", StringComparison.Ordinal), null);
        Assert.True(File.Exists(Path.Combine(data, "kakunin.db")));
        Assert.False(Directory.Exists(overridden));

        // The webmail (Razor Pages, precompiled into the published program) answers on the configured port.
        using var http = new HttpClient();
        using var login = await http.GetAsync(new Uri($"http://127.0.0.1:{ports[3]}/Login"), TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("type=\"password\"", await login.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_published_program_names_what_it_could_not_find()
    {
        var published = await PublishedProgram.FolderAsync();
        // An empty configuration file stands in for the machine's /etc/kakunin/kakunin.json, should it have one.
        var emptyConfig = Path.Combine(_work.FullName, "empty.json");
        File.WriteAllText(emptyConfig, "{}");
        var environment = new Dictionary<string, string>
        {
            ["PATH"] = $"{published}:{Environment.GetEnvironmentVariable("PATH")}",
            ["KAKUNIN_CONFIG"] = emptyConfig,
        };
        var missing = Path.Combine(_work.FullName, "Maildir", "cur");
        var closed = KakuninProcess.FreePort();

        var version = await RunAsync("kakunin --version", environment, _work.FullName);
        var parse = await RunAsync($"kakunin report parse '{missing}' --format table", environment, _work.FullName);
        var send = await RunAsync($"kakunin send --server 127.0.0.1:{closed} --from a@example.test --to b@example.test --body x", environment, _work.FullName);
        var list = await RunAsync("kakunin mailbox list bob@example.test", environment, _work.FullName);
        var missingConfig = Path.Combine(_work.FullName, "kakunin.json");
        var serve = await RunAsync($"KAKUNIN_CONFIG='{missingConfig}' kakunin serve", environment, _work.FullName);

        Assert.Matches("^[0-9.]+\\+[0-9a-f]{40}\n$", version.Output);
        Assert.Equal((1, string.Empty, $"kakunin: {missing}: no such file or directory\n"), parse);
        Assert.Equal((1, string.Empty, $"kakunin: could not connect to 127.0.0.1:{closed} (submission, from --server): Connection refused\n"), send);
        Assert.Equal(1, list.Exit);
        Assert.Equal((1, $"kakunin: serve could not start: the configuration file {missingConfig} (from KAKUNIN_CONFIG) does not exist\n"), (serve.Exit, serve.Error));
        Assert.StartsWith($"kakunin: no Kakunin database in {Path.Combine(_work.FullName, "kakunin-data")} (the default): the folder does not exist", list.Error, StringComparison.Ordinal);
    }

    private static Task<(int Exit, string Output, string Error)> RunAsync(string command, IReadOnlyDictionary<string, string> environment, string cwd) =>
        ShellCommand.RunAsync(command, environment, cwd);

    /// <summary>Runs the command until <paramref name="done"/> holds (mail is delivered a moment after the 250), up to 30 s.</summary>
    private static async Task<(int Exit, string Output, string Error)> RetryAsync(
        string command, IReadOnlyDictionary<string, string> environment, string cwd, Func<(int Exit, string Output, string Error), bool> done, KakuninProcess? server)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var run = await RunAsync(command, environment, cwd);
            if ((run.Exit == 0 && done(run)) || DateTime.UtcNow > deadline)
            {
                Assert.True(run.Exit == 0 && done(run), $"{command}\nexit {run.Exit}\n{run.Output}\n{run.Error}\n--- server log ---\n{server?.Log}");
                return run;
            }

            await Task.Delay(300);
        }
    }

    [GeneratedRegex(@"^\W*(?<id>[0-9]+)\s")]
    private static partial Regex IdOfRow();
}
