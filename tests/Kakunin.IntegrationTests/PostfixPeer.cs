using Kakunin.IntegrationTests.Peers;
using MimeKit;

namespace Kakunin.IntegrationTests;

/// <summary>
/// A private loopback-only Postfix instance started with tests/peers/postfix/postfix-peer in a temp folder.
/// Missing Postfix (or not root) is a failure with the script's own message, never a skip.
/// </summary>
public sealed class PostfixPeer : IAsyncDisposable
{
    private PostfixPeer(string directory, int port, string domain)
    {
        Directory = directory;
        Port = port;
        Domain = domain;
    }

    public string Directory { get; }

    public int Port { get; }

    public string Domain { get; }

    public static string Script { get; } = PeerFiles.Find("postfix", "postfix-peer");

    /// <summary>Starts an instance; <paramref name="options"/> are start options after DIR and --smtp-port.</summary>
    public static async Task<PostfixPeer> StartAsync(int port, string domain, params string[] options)
    {
        if (!File.Exists("/usr/sbin/postfix"))
        {
            Assert.Fail("Postfix is not installed (/usr/sbin/postfix missing): apt-get install postfix (see .ci/run). These tests need a real Postfix peer.");
        }

        var dir = System.IO.Directory.CreateTempSubdirectory("kakunin-postfix-").FullName;
        var (code, output) = await ExternalClient.RunAsync(Script, ["start", dir, "--smtp-port", port.ToString(), "--domain", domain, .. options]);
        Assert.True(code == 0, $"postfix-peer start failed ({code}); it must run as root with postfix installed:\n{output}");
        return new PostfixPeer(dir, port, domain);
    }

    /// <summary>
    /// With <c>--opendkim DNS</c>: the TXT record value (<c>v=DKIM1; … p=…</c>) of the key OpenDKIM signs this
    /// instance's DSNs with, to publish at <c>SELECTOR._domainkey.DOMAIN</c> (selector "peer" unless --dkim-selector).
    /// </summary>
    public string DkimRecord(string selector = "peer") => File.ReadAllText(Path.Combine(Directory, "opendkim", selector + ".record"));

    /// <summary>The mail log (for failure messages and for checking what Postfix was told).</summary>
    public string Log => File.Exists(Path.Combine(Directory, "maillog")) ? File.ReadAllText(Path.Combine(Directory, "maillog")) : "(no maillog)";

    /// <summary>The messages delivered to <paramref name="user"/>'s Maildir (new/ and cur/).</summary>
    public IReadOnlyList<MimeMessage> Maildir(string user)
    {
        var list = new List<MimeMessage>();
        foreach (var sub in new[] { "new", "cur" })
        {
            var path = Path.Combine(Directory, "mail", user, sub);
            if (!System.IO.Directory.Exists(path))
            {
                continue;
            }

            foreach (var file in System.IO.Directory.GetFiles(path))
            {
                list.Add(MimeMessage.Load(file));
            }
        }

        return list;
    }

    /// <summary>The files of <paramref name="user"/>'s Maildir (new/ and cur/): the bytes exactly as delivered.</summary>
    public IReadOnlyList<string> MaildirFiles(string user) =>
        [.. new[] { "new", "cur" }.Select(sub => Path.Combine(Directory, "mail", user, sub)).Where(System.IO.Directory.Exists).SelectMany(System.IO.Directory.GetFiles)];

    /// <summary>Waits for a message in <paramref name="user"/>'s Maildir that <paramref name="match"/> accepts.</summary>
    public async Task<MimeMessage> WaitForMaildirAsync(string user, Func<MimeMessage, bool> match, string what, Func<string>? context = null, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (Maildir(user).FirstOrDefault(match) is { } found)
            {
                return found;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"timed out waiting for {what}\n--- postfix log ---\n{Log}\n{context?.Invoke()}");
        return null!;
    }

    /// <summary><c>postfix-peer send</c>: one message with DSN parameters into this instance.</summary>
    public Task<(int ExitCode, string Output)> SendAsync(params string[] args) =>
        ExternalClient.RunAsync(Script, ["send", Directory, .. args]);

    public async ValueTask DisposeAsync()
    {
        await ExternalClient.RunAsync(Script, ["stop", Directory]);
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
