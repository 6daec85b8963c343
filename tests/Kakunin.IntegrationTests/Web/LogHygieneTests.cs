using System.Globalization;
using System.Net;
using System.Runtime.Versioning;
using Kakunin.IntegrationTests.Hardening;

namespace Kakunin.IntegrationTests.Web;

/// <summary>
/// What a real <c>kakunin serve</c> writes to its log (issue 10, item 7): each listener named by what it serves (the
/// SMTP ones never as http:// or https://), no line per web request at the default level and one at Debug, and
/// one plain line about the cookie keys (in the database) instead of ASP.NET Core's warning, with an old keys folder
/// narrowed to owner-only.
/// </summary>
public sealed class LogHygieneTests
{
    [Fact]
    [UnsupportedOSPlatform("windows")] // file modes are the point of the keys check
    public async Task The_start_names_every_listener_by_kind_requests_are_quiet_and_cookie_keys_are_owner_only()
    {
        // A keys folder from an older run, readable by everyone: narrowed at start.
        var data = Directory.CreateTempSubdirectory("kakunin-it-").FullName;
        var keys = Path.Combine(data, "keys");
        Directory.CreateDirectory(keys);
        File.SetUnixFileMode(keys, (UnixFileMode)0b111_101_101);
        var note = Path.Combine(keys, "notes.txt");
        await File.WriteAllTextAsync(note, "left by an older version");
        File.SetUnixFileMode(note, (UnixFileMode)0b110_100_100);

        var httpsPort = KakuninProcess.FreePort();
        await using var server = await KakuninProcess.StartAsync(dataDirectory: data, extraArgs: ["--https-port", httpsPort.ToString(CultureInfo.InvariantCulture)]);
        await server.WaitForAsync(() => Task.FromResult(server.Log.Contains("Kakunin mx.example.test started (Production)", StringComparison.Ordinal)), "the started line");
        var log = server.Log;

        Assert.Contains($"Listening on 127.0.0.1:{server.SmtpPort}: SMTP, mail from other servers", log, StringComparison.Ordinal);
        Assert.Contains($"Listening on 127.0.0.1:{server.SubmissionPort}: SMTP submission, STARTTLS then AUTH", log, StringComparison.Ordinal);
        Assert.Contains($"Listening on 127.0.0.1:{server.SubmissionTlsPort}: SMTP submission over implicit TLS", log, StringComparison.Ordinal);
        Assert.Contains($"Listening on 127.0.0.1:{server.HttpPort}: HTTP: redirects to https://mx.example.test:{httpsPort}", log, StringComparison.Ordinal);
        Assert.Contains($"Listening on 127.0.0.1:{httpsPort}: HTTPS (HTTP/1.1 and HTTP/2): webmail", log, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening on", log, StringComparison.Ordinal);
        foreach (var port in new[] { server.SmtpPort, server.SubmissionPort, server.SubmissionTlsPort })
        {
            Assert.DoesNotContain($"http://127.0.0.1:{port}", log, StringComparison.Ordinal);
            Assert.DoesNotContain($"https://127.0.0.1:{port}", log, StringComparison.Ordinal);
        }

        // The cookie keys: one line, no warning; they are made in the database, not as files, and the folder an
        // older version left (its key files are imported and kept) is narrowed so nobody but the owner can open it.
        Assert.Contains($"Cookie keys in the database (data_protection_keys; key files of {keys} imported): not encrypted at rest", log, StringComparison.Ordinal);
        Assert.DoesNotContain("No XML encryptor configured", log, StringComparison.Ordinal);
        Assert.DoesNotContain("warn: Microsoft.AspNetCore.DataProtection", log, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(keys));
        var files = Directory.GetFiles(keys);
        Assert.DoesNotContain(files, f => Path.GetFileName(f).StartsWith("key-", StringComparison.Ordinal));
        Assert.All(files, f => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(f)));
        await using (var store = await server.OpenStoreAsync())
        {
            var key = Assert.Single(await new Kakunin.Store.Security.DataProtectionKeyRepository(store).ReadAllAsync(TestContext.Current.CancellationToken));
            Assert.StartsWith("<key ", key, StringComparison.Ordinal);
        }

        // Web requests leave no trace at the default level: not ASP.NET Core's five to eight lines each, not ours.
        using var web = new WebSignIn(server.HttpPort, IPAddress.Loopback);
        using (await web.GetAsync("/health"))
        using (await web.GetAsync("/login"))
        {
        }

        await Task.Delay(500); // the console logger writes on its own thread
        Assert.DoesNotContain("Request starting", server.Log, StringComparison.Ordinal);
        Assert.DoesNotContain("Executing endpoint", server.Log, StringComparison.Ordinal);
        Assert.DoesNotContain("GET /health", server.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task At_debug_each_web_request_is_one_line_with_the_client()
    {
        await using var server = await KakuninProcess.StartAsync(environment: new Dictionary<string, string>
        {
            ["Logging__LogLevel__Kakunin.Web.Requests"] = "Debug",
        });
        using var web = new WebSignIn(server.HttpPort, IPAddress.Parse("127.0.0.12"));
        using (var response = await web.GetAsync("/login?secret=1"))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await server.WaitForAsync(() => Task.FromResult(server.Log.Contains("HTTP/1.1 http GET /login 200", StringComparison.Ordinal)), "the request line");
        var line = server.Log.Split('\n').Single(l => l.Contains("GET /login 200", StringComparison.Ordinal));
        Assert.Contains("client=127.0.0.12", line, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", server.Log, StringComparison.Ordinal); // the query is never logged
        Assert.Contains("dbug: Kakunin.Web.Requests", server.Log, StringComparison.Ordinal);
        Assert.DoesNotContain("Request starting", server.Log, StringComparison.Ordinal); // ASP.NET Core's lines stay off
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task A_new_data_folder_and_the_self_signed_key_are_readable_by_the_owner_only()
    {
        // The folder holds the database (mail, password hashes, DKIM keys) and the TLS key: with a default umask of
        // 022 they would otherwise be world-readable.
        var parent = Directory.CreateTempSubdirectory("kakunin-it-").FullName;
        var data = Path.Combine(parent, "new data");
        await using var server = await KakuninProcess.StartAsync(dataDirectory: data);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(data));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(data, "tls-selfsigned.pfx")));
    }
}
