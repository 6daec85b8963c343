using System.Diagnostics;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Data.Sqlite;
using MimeKit;

namespace Kakunin.IntegrationTests.Storage;

/// <summary>
/// Issue 15, item 2, the disk itself full: a real server with no reserve (<c>--storage-reserve 0</c>) on a real 48 MiB
/// tmpfs that another file fills to the last byte while two SMTP transactions wait in DATA. At the end of DATA the
/// small message (kept in memory, so SQLite's commit is what fails: SQLITE_FULL) and the large one (whose spool file
/// cannot grow: ENOSPC) are both answered 452 4.3.1 with words that say the disk is full, where 451 4.3.0 "local error
/// in processing" was answered before; a new MAIL is refused at once; /health and /metrics show 0 bytes free. When the
/// space comes back, mail is accepted again, every message that got a 250 is in the mailbox, and the database passes
/// SQLite's integrity check.
/// </summary>
public sealed class DiskFullTests
{
    [Fact]
    public async Task A_full_disk_at_the_end_of_DATA_is_452_4_3_1_and_nothing_accepted_is_lost()
    {
        await using var disk = await SmallFileSystem.MountAsync(48L << 20);
        var data = Path.Combine(disk.Path, "data");
        var run = Guid.NewGuid().ToString("N")[..8];
        var accepted = new List<string>();

        // A first run accepts and delivers mail, then stops cleanly (SQLite folds its WAL back into the database), so
        // the second run starts with a small WAL that cannot take a 40 KB commit without growing the file.
        await using (var first = await KakuninProcess.StartAsync(dataDirectory: data, extraArgs: ["--storage-reserve", "0"]))
        {
            for (var i = 0; i < 3; i++)
            {
                accepted.Add(await SendAsync(first, $"before-{run}-{i}@kakunin.test", 2_000));
            }

            await first.WaitForEmptyQueueAsync();
            await StopAsync(first);
        }

        await using var server = await KakuninProcess.StartAsync(dataDirectory: data, extraArgs: ["--storage-reserve", "0"]);
        await using var small = await OpenInDataAsync(server);
        await using var large = await OpenInDataAsync(server);

        await disk.FillAsync(leave: 0);
        Assert.Equal(0, disk.Free);

        var smallReply = await small.CommandAsync(Body($"small-{run}@kakunin.test", 40_000) + ".");
        var largeReply = await large.CommandAsync(Body($"large-{run}@kakunin.test", 400_000) + ".");
        const string Full = "452 4.3.1 Insufficient system storage: this server's disk is full and your message was not stored; try again later";
        Assert.Equal(Full, smallReply.TrimEnd());
        Assert.Equal(Full, largeReply.TrimEnd());
        // The console logger writes on its own thread: the lines may follow the replies by a moment on a busy machine.
        await server.WaitForAsync(() => Task.FromResult(server.Log.Contains("message not stored, the disk is full (SQLite Error 13", StringComparison.Ordinal)), "the SQLite-full log line", seconds: 10);
        await server.WaitForAsync(() => Task.FromResult(server.Log.Contains("the message could not be written to the spool (No space left on device", StringComparison.Ordinal)), "the spool-full log line", seconds: 10);
        Assert.DoesNotContain("451 4.3.0", smallReply + largeReply, StringComparison.Ordinal);

        // Known early from here on: MAIL itself is refused, and the administrator sees it.
        await using (var fresh = await RawSmtpConnection.OpenAsync(server.SmtpPort))
        {
            await fresh.CommandAsync("EHLO client.example.org");
            Assert.StartsWith("452 4.3.1 Insufficient system storage", await fresh.CommandAsync("MAIL FROM:<sender@example.org>"), StringComparison.Ordinal);
        }

        var (code, status, description, _) = await StorageProbe.HealthAsync(server);
        Assert.Equal((503, "failing"), (code, status));
        Assert.StartsWith("0 bytes free of 48 MiB on the file system holding", description, StringComparison.Ordinal);
        Assert.Equal(0, await StorageProbe.MetricAsync(server, "kakunin_storage_free_bytes"));
        Assert.True(await StorageProbe.MetricAsync(server, "kakunin_queue_rejections_total", "reason=\"storage-full\"") >= 2);

        // Space again: the same messages are taken, the sessions went on, and nothing that got a 250 is missing.
        disk.Empty();
        await server.WaitForAsync(async () => (await StorageProbe.HealthAsync(server)).Code == 200, "/health ok again");
        await small.CommandAsync("RSET");
        accepted.Add(await SendAsync(server, $"small-{run}@kakunin.test", 40_000));
        accepted.Add(await SendAsync(server, $"large-{run}@kakunin.test", 400_000));
        await server.WaitForEmptyQueueAsync();
        var inbox = await StorageProbe.MessageIdsAsync(server, ServerFixture.Bob, Kakunin.Store.MailFolders.Inbox);
        Assert.All(accepted, id => Assert.Contains(id, inbox));
        Assert.Equal("ok", await IntegrityAsync(Path.Combine(data, "kakunin.db")));
    }

    // EHLO, MAIL, RCPT, DATA: the session waits for the content.
    private static async Task<RawSmtpConnection> OpenInDataAsync(KakuninProcess server)
    {
        var connection = await RawSmtpConnection.OpenAsync(server.SmtpPort);
        await connection.CommandAsync("EHLO client.example.org");
        Assert.StartsWith("250", await connection.CommandAsync("MAIL FROM:<sender@example.org>"), StringComparison.Ordinal);
        Assert.StartsWith("250", await connection.CommandAsync($"RCPT TO:<{ServerFixture.Bob}>"), StringComparison.Ordinal);
        Assert.StartsWith("354", await connection.CommandAsync("DATA"), StringComparison.Ordinal);
        return connection;
    }

    private static string Body(string messageId, int size)
    {
        var line = new string('x', 76) + "\r\n";
        return $"From: <sender@example.org>\r\nTo: <{ServerFixture.Bob}>\r\nMessage-ID: <{messageId}>\r\nSubject: full\r\n\r\n"
            + string.Concat(Enumerable.Repeat(line, size / line.Length));
    }

    private static async Task<string> SendAsync(KakuninProcess server, string messageId, int size)
    {
        using var smtp = new SmtpClient();
        await smtp.ConnectAsync("127.0.0.1", server.SmtpPort, SecureSocketOptions.None);
        var message = MimeMessage.Load(new MemoryStream(System.Text.Encoding.ASCII.GetBytes(Body(messageId, size))));
        var reply = await smtp.SendAsync(message);
        Assert.StartsWith("2.0.0", reply, StringComparison.Ordinal);
        await smtp.DisconnectAsync(true);
        return messageId;
    }

    // SIGTERM: a clean stop, as systemd does it.
    private static async Task StopAsync(KakuninProcess server)
    {
        using var process = Process.GetProcessById(server.ProcessId);
        using var kill = Process.Start("kill", ["-TERM", server.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
    }

    private static async Task<string> IntegrityAsync(string database)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
