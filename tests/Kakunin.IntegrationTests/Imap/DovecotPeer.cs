using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Kakunin.IntegrationTests.Peers;

namespace Kakunin.IntegrationTests.Imap;

/// <summary>
/// A private Dovecot (Debian's dovecot-imapd) in the foreground (<c>dovecot -F -c</c>) with everything in a temp
/// folder of its own: configuration, passwd-file users, Maildir homes, a self-signed certificate, base/state dirs and
/// log. Listens on two loopback ports: STARTTLS (143-style) and implicit TLS (993-style). The reference IMAP server
/// the client tests and the benchmark are checked against.
/// </summary>
/// <remarks>
/// As root (CI), Dovecot's own users run its helpers (dovecot, dovenull) and the mail processes run as the dovecot
/// user, because Dovecot refuses mail access as UID 0 ("invalid UID"). As a normal user, everything runs as that user
/// and the helpers do not chroot (checked by hand as nobody with setpriv: login, STARTTLS, implicit TLS, LDA, doveadm).
/// </remarks>
public sealed class DovecotPeer : IAsyncDisposable
{
    public const string Program = "/usr/sbin/dovecot";
    public const string Lda = "/usr/lib/dovecot/dovecot-lda";
    public const string Doveadm = "/usr/bin/doveadm";

    private readonly Process _process;
    private readonly StringWriter _output = new();

    private DovecotPeer(Process process, string directory, int imapPort, int imapsPort)
    {
        _process = process;
        Directory = directory;
        ImapPort = imapPort;
        ImapsPort = imapsPort;
    }

    public string Directory { get; }

    /// <summary>Plain IMAP with STARTTLS (LOGIN only after it: <c>ssl = required</c>).</summary>
    public int ImapPort { get; }

    /// <summary>IMAP over implicit TLS.</summary>
    public int ImapsPort { get; }

    public string ConfigFile => Path.Combine(Directory, "dovecot.conf");

    public string CertificateFile => Path.Combine(Directory, "cert.pem");

    /// <summary>What Dovecot printed and its log file (for failure messages).</summary>
    public string Log
    {
        get
        {
            var file = Path.Combine(Directory, "dovecot.log");
            lock (_output)
            {
                return _output + (File.Exists(file) ? File.ReadAllText(file) : string.Empty);
            }
        }
    }

    /// <summary>The Maildir of a user (cur/new/tmp of INBOX; other folders as .Name subfolders, Maildir++).</summary>
    public string MaildirOf(string user) => Path.Combine(Directory, "home", user, "Maildir");

    /// <summary>
    /// Starts Dovecot for <paramref name="users"/> (address, password) on free loopback ports, or on the given ones,
    /// and waits for its greeting. Fails (never skips) when Dovecot is not installed. <paramref name="prepareHome"/>
    /// may fill a user's Maildir before the server starts (the benchmark's big mailbox).
    /// </summary>
    public static async Task<DovecotPeer> StartAsync(IReadOnlyList<(string User, string Password)> users, int? imapPort = null, int? imapsPort = null, Action<string, string>? prepareHome = null, string? extraConfig = null)
    {
        foreach (var program in new[] { Program, Lda, Doveadm })
        {
            if (!File.Exists(program))
            {
                Assert.Fail($"{program} is not installed: apt-get install dovecot-imapd (see .ci/run). The IMAP tests need the real Dovecot as reference.");
            }
        }

        var directory = System.IO.Directory.CreateTempSubdirectory("kakunin-dovecot-").FullName;
        var account = await PosixAccount.CurrentAsync();
        // The mail processes run as another user when we are root: they must reach their home through our folder.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, (UnixFileMode)0b111_101_101);
        }
        var home = Path.Combine(directory, "home");
        System.IO.Directory.CreateDirectory(home);
        var mailUser = account.IsRoot ? await PosixAccount.OfAsync("dovecot") : account;
        var lines = new StringBuilder();
        foreach (var (user, password) in users)
        {
            var userHome = Path.Combine(home, user);
            System.IO.Directory.CreateDirectory(Path.Combine(userHome, "Maildir"));
            prepareHome?.Invoke(user, Path.Combine(userHome, "Maildir"));
            // passwd-file: user:password:uid:gid:(gecos):home
            lines.Append(CultureInfo.InvariantCulture, $"{user}:{{PLAIN}}{password}:{mailUser.Uid}:{mailUser.Gid}::{userHome}\n");
        }

        if (account.IsRoot)
        {
            await ChownAsync(home, mailUser);
        }

        await File.WriteAllTextAsync(Path.Combine(directory, "users"), lines.ToString());
        WriteCertificate(directory);
        var imap = imapPort ?? KakuninProcess.FreePort();
        var imaps = imapsPort ?? KakuninProcess.FreePort();
        await File.WriteAllTextAsync(Path.Combine(directory, "dovecot.conf"), Config(directory, imap, imaps, account) + (extraConfig ?? string.Empty));

        var info = new ProcessStartInfo(Program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-F", "-c", Path.Combine(directory, "dovecot.conf") })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("dovecot did not start");
        var peer = new DovecotPeer(process, directory, imap, imaps);
        process.OutputDataReceived += (_, e) => peer.Append(e.Data);
        process.ErrorDataReceived += (_, e) => peer.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await peer.WaitForGreetingAsync();
        return peer;
    }

    /// <summary>Delivers a message to a user's INBOX with Dovecot's own LDA (what an MTA in front of it would run).</summary>
    public async Task DeliverAsync(string recipient, string sender, byte[] message)
    {
        var (exit, output) = await RunAsync(Lda, ["-c", ConfigFile, "-d", recipient, "-f", sender], message);
        Assert.True(exit == 0, $"dovecot-lda exited with {exit}: {output}\n{Log}");
    }

    /// <summary>
    /// The messages of a folder as Dovecot's storage has them (doveadm fetch, not IMAP): UID, flags and Message-ID.
    /// </summary>
    public async Task<IReadOnlyList<(uint Uid, string Flags, string MessageId)>> FetchAsync(string user, string folder)
    {
        var (exit, output) = await RunAsync(Doveadm, ["-c", ConfigFile, "-f", "json", "fetch", "-u", user, "uid flags hdr.message-id", "mailbox", folder, "ALL"], null, stdoutOnly: true);
        Assert.True(exit == 0, $"doveadm fetch exited with {exit}: {output}\n{Log}");
        using var json = JsonDocument.Parse(output);
        return json.RootElement.EnumerateArray().Select(m => (
            uint.Parse(m.GetProperty("uid").GetString()!, CultureInfo.InvariantCulture),
            m.GetProperty("flags").GetString() ?? string.Empty,
            (m.GetProperty("hdr.message-id").GetString() ?? string.Empty).Trim())).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await PeerShutdown.StopAsync(_process);
        PeerShutdown.DeleteFolder(Directory);
    }

    private static string Config(string directory, int imapPort, int imapsPort, PosixAccount account)
    {
        string P(string name) => Path.Combine(directory, name);
        // Helpers run as Dovecot's unprivileged users under root; as ourselves otherwise (Dovecot cannot switch users).
        var internalUser = account.IsRoot ? "dovecot" : account.Name;
        var internalGroup = account.IsRoot ? "dovecot" : account.Group;
        var loginUser = account.IsRoot ? "dovenull" : account.Name;
        // Dovecot chroots anvil and imap-login into base_dir, which only root may do: a normal user turns that off.
        var chroot = account.IsRoot ? string.Empty : "service anvil {\n  chroot =\n}\n";
        var loginChroot = account.IsRoot ? string.Empty : "  chroot =\n";
        return $$"""
            base_dir = {{P("run")}}
            state_dir = {{P("state")}}
            log_path = {{P("dovecot.log")}}
            protocols = imap
            listen = 127.0.0.1
            ssl = required
            ssl_cert = <{{P("cert.pem")}}
            ssl_key = <{{P("key.pem")}}
            auth_mechanisms = plain login
            default_internal_user = {{internalUser}}
            default_internal_group = {{internalGroup}}
            default_login_user = {{loginUser}}
            first_valid_uid = 1
            passdb {
              driver = passwd-file
              args = scheme=PLAIN username_format=%u {{P("users")}}
            }
            userdb {
              driver = passwd-file
              args = username_format=%u {{P("users")}}
            }
            mail_location = maildir:~/Maildir
            # RFC 6154 special-use folders, as a Debian install's 15-mailboxes.conf has them, created at login.
            namespace inbox {
              inbox = yes
              separator = /
              mailbox Sent {
                special_use = \Sent
                auto = subscribe
              }
              mailbox Drafts {
                special_use = \Drafts
                auto = subscribe
              }
              mailbox Trash {
                special_use = \Trash
                auto = subscribe
              }
              mailbox Junk {
                special_use = \Junk
                auto = subscribe
              }
            }
            {{chroot}}service imap-login {
            {{loginChroot}}  inet_listener imap {
                address = 127.0.0.1
                port = {{imapPort}}
              }
              inet_listener imaps {
                address = 127.0.0.1
                port = {{imapsPort}}
                ssl = yes
              }
            }

            """;
    }

    private static void WriteCertificate(string directory)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(7));
        File.WriteAllText(Path.Combine(directory, "cert.pem"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(directory, "key.pem"), key.ExportPkcs8PrivateKeyPem());
    }

    private async Task WaitForGreetingAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                Assert.Fail($"dovecot exited with {_process.ExitCode}\n{Log}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", ImapPort);
                using var reader = new StreamReader(client.GetStream(), Encoding.ASCII);
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                var greeting = await reader.ReadLineAsync(timeout.Token);
                if (greeting?.StartsWith("* OK", StringComparison.Ordinal) == true)
                {
                    return;
                }
            }
            catch (SocketException)
            {
            }
            catch (IOException)
            {
            }

            await Task.Delay(100);
        }

        Assert.Fail($"dovecot did not greet on 127.0.0.1:{ImapPort}\n{Log}");
    }

    private static async Task ChownAsync(string path, PosixAccount owner)
    {
        var (exit, output) = await RunAsync("chown", ["-R", $"{owner.Uid}:{owner.Gid}", path], null);
        Assert.True(exit == 0, $"chown failed: {output}");
    }

    internal static async Task<(int ExitCode, string Output)> RunAsync(string program, IEnumerable<string> args, byte[]? input, bool stdoutOnly = false)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start");
        if (input is not null)
        {
            await process.StandardInput.BaseStream.WriteAsync(input);
        }

        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, stdoutOnly && process.ExitCode == 0 ? await output : await output + await error);
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
}

/// <summary>A Unix account's name, ids and primary group (from <c>id</c>), to write peer configurations for it.</summary>
internal sealed record PosixAccount(string Name, int Uid, int Gid, string Group)
{
    public bool IsRoot => Uid == 0;

    public static Task<PosixAccount> CurrentAsync() => OfAsync(null);

    public static async Task<PosixAccount> OfAsync(string? name)
    {
        async Task<string> Id(string option)
        {
            var (exit, output) = await DovecotPeer.RunAsync("id", name is null ? [option] : [option, name], null);
            Assert.True(exit == 0, $"id {option} {name}: {output}");
            return output.Trim();
        }

        return new PosixAccount(await Id("-un"), int.Parse(await Id("-u"), CultureInfo.InvariantCulture), int.Parse(await Id("-g"), CultureInfo.InvariantCulture), await Id("-gn"));
    }
}
