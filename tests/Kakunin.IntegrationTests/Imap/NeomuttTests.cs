using System.Globalization;

namespace Kakunin.IntegrationTests.Imap;

/// <summary>
/// neomutt, a terminal client, reading the INBOX over IMAP (STARTTLS) and flagging a message, driven as a person
/// would: it runs in a detached tmux (a real terminal, 200×50), the test reads the screen with capture-pane and types
/// with send-keys: <c>/</c> search by subject, <c>F</c> flag, <c>$</c> sync, <c>q</c> quit. The flag is then checked
/// in the server's own record.
/// </summary>
public sealed class NeomuttTests(ImapServers servers) : IClassFixture<ImapServers>
{
    private const string Neomutt = "/usr/bin/neomutt";
    private const string Tmux = "/usr/bin/tmux";

    [Theory]
    [MemberData(nameof(ImapServers.Both), MemberType = typeof(ImapServers))]
    public async Task Neomutt_reads_the_inbox_and_flags_a_message(ImapServerKind kind)
    {
        Assert.True(File.Exists(Neomutt), $"{Neomutt} is not installed: apt-get install neomutt (see .ci/run)");
        Assert.True(File.Exists(Tmux), $"{Tmux} is not installed: apt-get install tmux (see .ci/run); it is neomutt's terminal here");
        var target = await servers.GetAsync(kind);
        var marker = Guid.NewGuid().ToString("N")[..8];
        var flagMe = ImapServers.Message("carol@partner.example.org", ImapTarget.Alice, $"Flag-me-{marker}");
        var leaveMe = ImapServers.Message("carol@partner.example.org", ImapTarget.Alice, $"Leave-me-{marker}");
        await target.DeliverAsync(flagMe, ImapTarget.Alice);
        await target.DeliverAsync(leaveMe, ImapTarget.Alice);

        var folder = Directory.CreateTempSubdirectory("kakunin-neomutt-").FullName;
        var terminal = new TmuxTerminal(Path.Combine(folder, "tmux.sock"));
        try
        {
            var muttrc = WriteMuttrc(target, folder);
            await terminal.StartAsync(folder, $"{Neomutt} -n -F {muttrc}");

            // The index shows both messages: neomutt logged in, selected INBOX and fetched their headers.
            await terminal.WaitForScreenAsync(s => s.Contains(flagMe.Subject!, StringComparison.Ordinal) && s.Contains(leaveMe.Subject!, StringComparison.Ordinal), target, "both messages in neomutt's index");

            await terminal.SendAsync("/");
            await terminal.WaitForScreenAsync(s => s.Contains("Search for:", StringComparison.Ordinal), target, "the search prompt");
            await terminal.SendAsync($"~s Flag-me-{marker}", "Enter");
            await terminal.SendAsync("F");
            // The index marks a flagged message with "!" on its line.
            await terminal.WaitForScreenAsync(s => s.Split('\n').Any(l => l.Contains(flagMe.Subject!, StringComparison.Ordinal) && l.Contains('!', StringComparison.Ordinal)), target, "the ! mark on the flagged message");
            await terminal.SendAsync("$");
            await ImapServers.WaitForAsync(target, async () =>
                (await target.StoredAsync(ImapTarget.Alice, "INBOX")).Single(m => m.MessageId == flagMe.MessageId).Has("\\Flagged"), "neomutt's \\Flagged on the server");
            await terminal.SendAsync("q");
            await terminal.WaitForExitAsync(target);

            var stored = await target.StoredAsync(ImapTarget.Alice, "INBOX");
            Assert.False(stored.Single(m => m.MessageId == leaveMe.MessageId).Has("\\Flagged"), "only the searched message is flagged");
            Assert.All(stored.Where(m => m.MessageId == flagMe.MessageId || m.MessageId == leaveMe.MessageId), m => Assert.False(m.Seen, "listing the index does not read a message"));
        }
        finally
        {
            await terminal.KillAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string WriteMuttrc(ImapTarget target, string folder)
    {
        var certificate = target.WriteCertificatePem(Path.Combine(folder, "server.pem"));
        var muttrc = Path.Combine(folder, "muttrc");
        // certificate_file: certificates neomutt trusts without asking (the server's own, self-signed); "localhost"
        // as the host because that is a name on both servers' certificates. ssl_force_tls + ssl_starttls: STARTTLS
        // on the 143-style port, never a password in the clear. No caches, no Sent copy, no questions on quit.
        File.WriteAllText(muttrc, $"""
            set folder="imap://localhost:{target.StartTlsPort.ToString(CultureInfo.InvariantCulture)}/"
            set spoolfile="+INBOX"
            set imap_user="{ImapTarget.Alice}"
            set imap_pass="{ImapTarget.Password}"
            set certificate_file="{certificate}"
            set ssl_starttls=yes
            set ssl_force_tls=yes
            set header_cache=""
            set message_cachedir=""
            set record=""
            set quit=yes
            set wait_key=no
            set sort=date

            """);
        return muttrc;
    }

    /// <summary>A private tmux server (its own socket) running one program in a detached 200×50 terminal.</summary>
    private sealed class TmuxTerminal(string socket)
    {
        public async Task StartAsync(string home, string command)
        {
            // HOME: neomutt and tmux look there for their own files; the test's folder keeps the user's untouched.
            var (exit, output) = await RunAsync(["new-session", "-d", "-x", "200", "-y", "50", "-e", $"HOME={home}", command]);
            Assert.True(exit == 0, $"tmux new-session: {output}");
        }

        public async Task SendAsync(params string[] keys)
        {
            // -l: the text literally (no key names), except for named keys such as Enter.
            foreach (var key in keys)
            {
                var (exit, output) = key == "Enter" ? await RunAsync(["send-keys", "Enter"]) : await RunAsync(["send-keys", "-l", key]);
                Assert.True(exit == 0, $"tmux send-keys: {output}");
                await Task.Delay(200);
            }
        }

        public async Task<string> ScreenAsync() => (await RunAsync(["capture-pane", "-p"])).Output;

        public async Task WaitForScreenAsync(Func<string, bool> condition, ImapTarget target, string what)
        {
            var screen = string.Empty;
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (DateTime.UtcNow < deadline)
            {
                screen = await ScreenAsync();
                if (condition(screen))
                {
                    return;
                }

                await Task.Delay(200);
            }

            Assert.Fail($"{target}: neomutt did not show {what}.\n--- screen ---\n{screen}\n--- server log ---\n{target.Log}");
        }

        public async Task WaitForExitAsync(ImapTarget target)
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (DateTime.UtcNow < deadline)
            {
                if ((await RunAsync(["has-session"])).ExitCode != 0)
                {
                    return;
                }

                await Task.Delay(200);
            }

            Assert.Fail($"{target}: neomutt did not quit.\n--- screen ---\n{await ScreenAsync()}");
        }

        public async Task KillAsync() => await RunAsync(["kill-server"]);

        private Task<(int ExitCode, string Output)> RunAsync(IEnumerable<string> args) =>
            ExternalClient.RunAsync(Tmux, new[] { "-S", socket }.Concat(args));
    }
}
