using System.Net;
using System.Text.RegularExpressions;

namespace Kakunin.IntegrationTests.Hardening;

/// <summary>
/// The fail2ban filter in the repository (deploy/fail2ban/filter.d/kakunin.conf) against the lines a real server
/// prints for wrong passwords and refusals, SMTP and web: every such line matches, with the client's address as
/// the host fail2ban would ban, and no password appears in the log.
/// </summary>
public sealed class Fail2banFilterTests
{
    // fail2ban's <HOST> (fail2ban/server/failregex.py: an IPv4 address, optionally IPv4-mapped, an IPv6 address,
    // or a DNS name), written with .NET's named-group syntax instead of Python's (?P<name>...).
    private const string Host = @"(?:(?:::f{4,6}:)?(?<ip4>(?:\d{1,3}\.){3}\d{1,3})|(?<ip6>(?:[0-9a-fA-F]{1,4}::?){1,7}(?:[0-9a-fA-F]{1,4}|(?<=:):))|(?<dns>[\w\-.^_]*\w))";

    private const string Secret = "guess-Zq81-never-logged";

    [Fact]
    public async Task The_failregex_matches_every_failure_and_refusal_line_with_the_clients_address()
    {
        await using var server = await KakuninProcess.StartAsync(environment: AuthGuessingTests.QuickFailures);
        var guesser = IPAddress.Parse("127.0.0.10");
        for (var i = 0; i < 10; i++)
        {
            await AuthProbe.AuthPlainAsync(server.SubmissionTlsPort, true, ServerFixture.Alice, Secret, guesser);
        }

        Assert.StartsWith("454", await AuthProbe.AuthPlainAsync(server.SubmissionPort, false, ServerFixture.Alice, KakuninProcess.Password, guesser), StringComparison.Ordinal);
        using (var web = new WebSignIn(server.HttpPort, IPAddress.Parse("127.0.0.11")))
        {
            (await web.PostAsync(ServerFixture.Bob, Secret)).Dispose();
            (await web.PostAsync(ServerFixture.Alice, KakuninProcess.Password)).Dispose(); // refused: Alice's account
        }

        var failregex = FailRegex();
        // The server's output reaches the test asynchronously: wait for the last line rather than race it.
        List<string> AuthLines() => [.. server.Log.Split('\n').Where(l => l.Contains("Authentication failed:", StringComparison.Ordinal) || l.Contains("Authentication refused:", StringComparison.Ordinal))];
        await server.WaitForAsync(() => Task.FromResult(AuthLines().Count >= 13), "13 authentication log lines", seconds: 10);
        var lines = AuthLines();
        Assert.Equal(13, lines.Count); // 10 + 1 over SMTP, 1 + 1 on the web
        var hosts = lines.Select(line => failregex.Match(line)).Select(m => m.Success ? m.Groups["ip4"].Value : $"no match: {m}").ToList();
        Assert.Equal([.. Enumerable.Repeat("127.0.0.10", 11), "127.0.0.11", "127.0.0.11"], hosts);
        Assert.DoesNotContain(Secret, server.Log, StringComparison.Ordinal);
    }

    /// <summary>The failregex line of the filter file with fail2ban's &lt;HOST&gt; substituted.</summary>
    private static Regex FailRegex()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Kakunin.slnx")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("repository root not found");
        }

        var filter = File.ReadAllLines(Path.Combine(root, "deploy", "fail2ban", "filter.d", "kakunin.conf"));
        var line = Assert.Single(filter, l => l.StartsWith("failregex", StringComparison.Ordinal));
        var pattern = line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..].Trim();
        return new Regex(pattern.Replace("<HOST>", Host, StringComparison.Ordinal), RegexOptions.CultureInvariant);
    }
}
