using System.Collections.Concurrent;
using System.Diagnostics;
using System.Formats.Tar;
using System.Text.Json;
using Kakunin.Store;
using Microsoft.Data.Sqlite;
using MimeKit;

namespace Kakunin.IntegrationTests;

/// <summary>
/// <c>kakunin backup</c> and <c>kakunin restore</c> as separate processes next to a real <c>kakunin serve</c> under
/// submission load: the archive's database passes PRAGMA integrity_check, holds every message whose 250 came before
/// the backup started, and a restore of it into a fresh folder starts and shows them; a restore while the server runs
/// and a backup to a folder nobody may write are refused with the path named, the server still serving.
/// </summary>
public sealed class BackupRestoreTests(ITestOutputHelper output)
{
    private const int Clients = 6;

    [Fact]
    public async Task A_backup_under_smtp_load_holds_every_acknowledged_message_and_restores_into_a_fresh_folder()
    {
        var run = Guid.NewGuid().ToString("N")[..10];
        string Subject(int i) => $"backup {run} {i:D5}";
        await using var server = await KakuninProcess.StartAsync();
        var acked = new ConcurrentDictionary<int, long>(); // message number → Stopwatch timestamp of its 250
        var failures = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        var next = -1;

        async Task ClientAsync()
        {
            using var client = await DsnSmtpClient.ConnectAsync(server, ServerFixture.Alice);
            while (!stop.IsCancellationRequested)
            {
                var i = Interlocked.Increment(ref next);
                var message = new MimeMessage { Subject = Subject(i) };
                message.From.Add(MailboxAddress.Parse(ServerFixture.Alice));
                message.To.Add(MailboxAddress.Parse(ServerFixture.Bob));
                message.Body = new TextPart("plain") { Text = $"message {i}\r\n" + new string('x', 2000) + "\r\n" };
                await client.SendAsync(message);
                acked[i] = Stopwatch.GetTimestamp();
            }

            await client.DisconnectAsync(true);
        }

        var load = Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
        {
            try
            {
                await ClientAsync();
            }
            catch (Exception e)
            {
                failures.Add(e.ToString());
            }
        })).ToArray();
        await server.WaitForAsync(() => Task.FromResult(acked.Count >= 150 || !failures.IsEmpty), "150 acknowledged messages");
        Assert.True(failures.IsEmpty, string.Join('\n', failures));

        // Everything acknowledged up to this instant must be in the backup.
        var before = acked.Keys.ToHashSet();
        var scratch = Directory.CreateTempSubdirectory("kakunin-backup-it-").FullName;
        var archive = Path.Combine(scratch, "under-load.tar");
        var started = Stopwatch.GetTimestamp();
        var backup = await KakuninCli.RunAsync("backup", archive, "--data", server.DataDirectory);
        var ended = Stopwatch.GetTimestamp();
        var duringBackup = acked.Values.Count(t => t > started && t < ended);
        await Task.Delay(500, TestContext.Current.CancellationToken);
        await stop.CancelAsync();
        await Task.WhenAll(load);
        Assert.True(failures.IsEmpty, string.Join('\n', failures));
        Assert.True(backup.Exit == 0, $"backup failed: {backup.Error}\n{server.Log}");
        var longestGap = LongestGap(acked.Values.Where(t => t > started && t < ended).Prepend(started).Append(ended));
        output.WriteLine($"{backup.Output.Trim()}");
        output.WriteLine($"{before.Count} acknowledged before the backup, {duringBackup} during its {Stopwatch.GetElapsedTime(started, ended).TotalMilliseconds:F0} ms " +
            $"(longest wait for a 250 meanwhile {longestGap.TotalMilliseconds:F0} ms), {acked.Count} in all");
        Assert.True(longestGap < TimeSpan.FromSeconds(5), $"the server stopped acknowledging for {longestGap} during the backup");

        // The archive's database on its own: whole, and at this program's schema.
        var unpacked = Path.Combine(scratch, "unpacked");
        Directory.CreateDirectory(unpacked);
        await TarFile.ExtractToDirectoryAsync(archive, unpacked, overwriteFiles: false, TestContext.Current.CancellationToken);
        using (var manifest = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(unpacked, "kakunin-backup.json"), TestContext.Current.CancellationToken)))
        {
            Assert.Equal(SchemaVersion.Known, manifest.RootElement.GetProperty("schemaVersion").GetInt32());
        }

        using (var connection = new SqliteConnection($"Data Source={Path.Combine(unpacked, "kakunin.db")};Mode=ReadOnly;Pooling=False"))
        {
            connection.Open();
            using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA integrity_check";
            Assert.Equal("ok", check.ExecuteScalar());
        }

        // Restored into a fresh folder, a server starts on it and delivers what was still queued at the backup.
        var fresh = Path.Combine(scratch, "restored");
        var restore = await KakuninCli.RunAsync("restore", archive, "--data", fresh);
        Assert.True(restore.Exit == 0, restore.Error);
        Assert.Contains("the folder held no database before", restore.Output, StringComparison.Ordinal);
        await using var restored = await KakuninProcess.StartAsync(dataDirectory: fresh);
        await restored.WaitForEmptyQueueAsync(seconds: 60);
        var inbox = (await restored.FolderAsync(ServerFixture.Bob, MailFolders.Inbox)).Select(m => m.Subject).ToHashSet();
        var sent = (await restored.FolderAsync(ServerFixture.Alice, MailFolders.Sent)).Select(m => m.Subject).ToHashSet();
        var missing = before.Where(i => !inbox.Contains(Subject(i)) || !sent.Contains(Subject(i))).Order().ToList();
        Assert.True(missing.Count == 0,
            $"{missing.Count} of {before.Count} messages acknowledged before the backup are missing after the restore: {string.Join(", ", missing.Take(20))}\n{restored.Log}");

        // What a user sees: the administrator's listing of Bob's Inbox on the restored folder.
        var listing = await KakuninCli.RunAsync("mailbox", "list", ServerFixture.Bob, "--data", fresh);
        Assert.True(listing.Exit == 0, listing.Error);
        Assert.Contains(Subject(before.Min()), listing.Output, StringComparison.Ordinal);
        Assert.Contains(Subject(before.Max()), listing.Output, StringComparison.Ordinal);
        Directory.Delete(scratch, recursive: true);
    }

    [Fact]
    public async Task A_restore_while_the_server_runs_and_a_backup_nobody_may_write_are_refused_and_the_server_keeps_serving()
    {
        await using var server = await KakuninProcess.StartAsync();
        var scratch = Directory.CreateTempSubdirectory("kakunin-backup-it-").FullName;
        var archive = Path.Combine(scratch, "b.tar");
        Assert.Equal(0, (await KakuninCli.RunAsync("backup", archive, "--data", server.DataDirectory)).Exit);
        var folderBefore = Directory.GetFileSystemEntries(server.DataDirectory).Order(StringComparer.Ordinal).ToList();

        var restore = await KakuninCli.RunAsync("restore", archive, "--data", server.DataDirectory);
        Assert.Equal(1, restore.Exit);
        Assert.Equal(
            $"kakunin: a Kakunin server is running on {server.DataDirectory} (it holds {Path.Combine(server.DataDirectory, "kakunin.lock")}): stop it first (e.g. systemctl stop kakunin), then restore",
            restore.Error.Trim());

        // sysfs takes no new files from anyone, root included.
        var backup = await KakuninCli.RunAsync("backup", "/sys/kakunin-backup.tar", "--data", server.DataDirectory);
        Assert.Equal(1, backup.Exit);
        Assert.Equal("kakunin: cannot write the backup /sys/kakunin-backup.tar: permission denied in /sys", backup.Error.Trim());

        // A second server on the same folder is refused as well.
        var second = await KakuninCli.RunAsync("serve", "--data", server.DataDirectory, "--smtp-port", KakuninProcess.FreePort().ToString(),
            "--submission-port", KakuninProcess.FreePort().ToString(), "--submission-tls-port", KakuninProcess.FreePort().ToString(), "--imap-port", KakuninProcess.FreePort().ToString(), "--imaps-port", KakuninProcess.FreePort().ToString(), "--http-port", KakuninProcess.FreePort().ToString());
        Assert.Equal(1, second.Exit);
        Assert.Contains($"another Kakunin process is using {server.DataDirectory}", second.Error, StringComparison.Ordinal);

        Assert.Equal(folderBefore, Directory.GetFileSystemEntries(server.DataDirectory).Order(StringComparer.Ordinal).ToList());
        var subject = ServerFixture.Unique("still serving");
        await DsnSmtpClient.SubmitAsync(server, ServerFixture.Alice, ServerFixture.Bob, subject, null, null);
        await server.WaitForMessageAsync(ServerFixture.Bob, MailFolders.Inbox, m => m.Subject == subject, "a message after the refusals");
        Directory.Delete(scratch, recursive: true);
    }

    private static TimeSpan LongestGap(IEnumerable<long> timestamps)
    {
        var sorted = timestamps.Order().ToList();
        var longest = 0L;
        for (var i = 1; i < sorted.Count; i++)
        {
            longest = Math.Max(longest, sorted[i] - sorted[i - 1]);
        }

        return Stopwatch.GetElapsedTime(0, longest);
    }
}
