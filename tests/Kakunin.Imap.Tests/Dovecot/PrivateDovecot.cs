using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Kakunin.Imap.Tests.Dovecot;

/// <summary>
/// A private Dovecot for comparison tests: its own config, folders and logs in a temporary directory, IMAP on a free
/// loopback port, one passwd-file user, Maildir storage, no TLS. As root its processes run as nobody (Dovecot refuses
/// root for logins and mail); as any other user, everything runs as that user. Missing Dovecot fails loudly.
/// </summary>
public sealed class PrivateDovecot : IAsyncDisposable
{
    public const string DovecotPath = "/usr/sbin/dovecot";
    public const string User = "kakunin";
    public const string Password = "compare-me";

    private readonly Process process;

    private PrivateDovecot(Process process, string directory, int port)
    {
        this.process = process;
        Directory = directory;
        Port = port;
    }

    public string Directory { get; }

    public int Port { get; }

    public static async Task<PrivateDovecot> StartAsync()
    {
        if (OperatingSystem.IsWindows() || !File.Exists(DovecotPath))
        {
            throw new InvalidOperationException(
                $"Dovecot is not installed ({DovecotPath} is missing). These tests compare our FETCH output with a real Dovecot: install the Debian package dovecot-imapd.");
        }

        var directory = System.IO.Directory.CreateTempSubdirectory("kakunin-dovecot-").FullName;
        var home = Path.Combine(directory, "home");
        System.IO.Directory.CreateDirectory(home);
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "run"));
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "state"));

        var (userName, groupName, uid, gid) = Identity();
        if (Environment.UserName == "root" || uid == 0)
        {
            // Dovecot will not run logins or mail as root: use nobody, who must be able to reach and write home.
            (userName, groupName, uid, gid) = ("nobody", GroupOf(65534), 65534, 65534);
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            File.SetUnixFileMode(home, (UnixFileMode)0x1FF);
        }

        var port = FreePort();
        var config = $$"""
            protocols = imap
            listen = 127.0.0.1
            base_dir = {{directory}}/run
            state_dir = {{directory}}/state
            log_path = {{directory}}/dovecot.log
            ssl = no
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            default_login_user = {{userName}}
            default_internal_user = {{userName}}
            default_internal_group = {{groupName}}
            first_valid_uid = {{uid}}
            first_valid_gid = {{gid}}
            passdb {
              driver = passwd-file
              args = scheme=PLAIN username_format=%u {{directory}}/passwd
            }
            userdb {
              driver = static
              args = uid={{uid}} gid={{gid}} home={{home}}/%u
            }
            mail_location = maildir:~/Maildir
            service imap-login {
              chroot =
              inet_listener imap {
                address = 127.0.0.1
                port = {{port}}
              }
              inet_listener imaps {
                port = 0
              }
            }
            service anvil {
              chroot =
            }

            """;
        await File.WriteAllTextAsync(Path.Combine(directory, "dovecot.conf"), config);
        await File.WriteAllTextAsync(Path.Combine(directory, "passwd"), $"{User}:{{PLAIN}}{Password}\n");

        var start = new ProcessStartInfo(DovecotPath, ["-F", "-c", Path.Combine(directory, "dovecot.conf")])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Dovecot did not start.");
        var dovecot = new PrivateDovecot(process, directory, port);
        await dovecot.WaitUntilListeningAsync();
        return dovecot;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A process still closing a log file: the temporary directory is left behind.
        }
    }

    private async Task WaitUntilListeningAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Dovecot exited: {await process.StandardError.ReadToEndAsync()} {ReadLog()}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
            catch (SocketException e)
            {
                throw new InvalidOperationException($"Dovecot did not listen on 127.0.0.1:{Port}: {e.Message} {ReadLog()}", e);
            }
        }
    }

    public string ReadLog()
    {
        var log = Path.Combine(Directory, "dovecot.log");
        return File.Exists(log) ? File.ReadAllText(log) : "(no log)";
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static (string User, string Group, int Uid, int Gid) Identity()
    {
        var uid = int.Parse(Run("id", "-u"), CultureInfo.InvariantCulture);
        var gid = int.Parse(Run("id", "-g"), CultureInfo.InvariantCulture);
        return (Run("id", "-un"), Run("id", "-gn"), uid, gid);
    }

    private static string GroupOf(int gid)
    {
        var line = File.ReadLines("/etc/group").FirstOrDefault(l => l.Split(':') is { Length: > 2 } f && f[2] == gid.ToString(CultureInfo.InvariantCulture));
        return line?.Split(':')[0] ?? "nogroup";
    }

    private static string Run(string file, string argument)
    {
        using var p = Process.Start(new ProcessStartInfo(file, [argument]) { RedirectStandardOutput = true })!;
        var text = p.StandardOutput.ReadToEnd().Trim();
        p.WaitForExit();
        return text;
    }
}
