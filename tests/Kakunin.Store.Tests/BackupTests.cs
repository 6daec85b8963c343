using System.Formats.Tar;
using Kakunin.Store.Backup;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Kakunin.Store.Tests;

/// <summary>
/// <see cref="BackupWriter"/> and <see cref="BackupRestorer"/> on real stores in temp folders: what the archive holds,
/// a restore into a fresh folder and over an existing one, and the refusals (lock held, target not writable, newer
/// schema, not a backup), each leaving the data folder as it was. File modes are Unix ones: Kakunin runs on Linux.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class BackupTests : IAsyncDisposable
{
    private static readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 1, 15, 10, 15, 0, TimeSpan.Zero));
    private readonly string _scratch = Directory.CreateTempSubdirectory("kakunin-backup-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_backup_holds_the_database_and_the_state_files_but_not_the_spool_the_lock_or_old_copies()
    {
        await using var t = await StoreWithUserAsync();
        Write(t.Folder, "keys/key-1.xml", "<key/>");
        Write(t.Folder, "tls-selfsigned.pfx", "pfx");
        Write(t.Folder, "spool/abc.spool", "in flight");
        Write(t.Folder, "kakunin.db.before-v8", "old copy");
        Write(t.Folder, "before-restore-20250101T000000Z/kakunin.db", "older");
        using var held = DataFolderLock.TryAcquire(t.Folder, "test");

        var result = await BackupWriter.WriteAsync(t.Folder, _scratch, TempStore.Options, Time, Ct);

        Assert.Equal(Path.Combine(_scratch, "kakunin-backup-20260115T101500Z.tar"), result.Path);
        Assert.Equal(["keys/key-1.xml", "tls-selfsigned.pfx"], result.Files);
        Assert.Equal(SchemaVersion.Known, result.SchemaVersion);
        Assert.Equal(["kakunin-backup.json", "kakunin.db", "keys/key-1.xml", "tls-selfsigned.pfx"], await EntryNamesAsync(result.Path));
        // Private keys inside: the archive is its owner's only.
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(result.Path));
        Assert.Equal([Path.GetFileName(result.Path)], Directory.GetFiles(_scratch).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_restore_into_a_fresh_folder_gives_back_the_users_and_files()
    {
        await using var t = await StoreWithUserAsync();
        Write(t.Folder, "keys/key-1.xml", "<key/>");
        var backup = await BackupWriter.WriteAsync(t.Folder, Path.Combine(_scratch, "b.tar.gz"), TempStore.Options, Time, Ct);
        await using (var gz = File.OpenRead(backup.Path))
        {
            Assert.Equal(0x1f, gz.ReadByte()); // RFC 1952 §2.3.1: gzip asked for by the name
        }

        var fresh = Path.Combine(_scratch, "fresh");
        var restored = await BackupRestorer.RestoreAsync(backup.Path, fresh, TempStore.Options, Time, Ct);

        Assert.Null(restored.PreviousFilesFolder);
        Assert.Equal("<key/>", File.ReadAllText(Path.Combine(fresh, "keys/key-1.xml")));
        Assert.Empty(Directory.GetDirectories(fresh, ".restore-*"));
        await using var store = await KakuninStore.OpenAsync(fresh, TempStore.Options, Ct);
        Assert.NotNull(await store.Directory.FindUserIdAsync("dan@example.com", Ct));
    }

    [Fact]
    public async Task A_restore_over_a_folder_keeps_what_it_replaces_aside_and_what_it_does_not_hold_in_place()
    {
        await using var t = await StoreWithUserAsync();
        Write(t.Folder, "keys/key-1.xml", "backed up");
        var backup = await BackupWriter.WriteAsync(t.Folder, Path.Combine(_scratch, "b.tar"), TempStore.Options, Time, Ct);
        await t.Store.Directory.AddUserAsync("eve@example.com", "pw", Ct);
        Write(t.Folder, "keys/key-1.xml", "changed later");
        Write(t.Folder, "acme/account.key", "not in the backup");
        await t.Store.DisposeAsync();
        SqliteConnection.ClearAllPools();

        var restored = await BackupRestorer.RestoreAsync(backup.Path, t.Folder, TempStore.Options, Time, Ct);

        var aside = Path.Combine(t.Folder, "before-restore-20260115T101500Z");
        Assert.Equal(aside, restored.PreviousFilesFolder);
        Assert.Equal("changed later", File.ReadAllText(Path.Combine(aside, "keys/key-1.xml")));
        Assert.True(File.Exists(Path.Combine(aside, "kakunin.db")));
        Assert.Equal("backed up", File.ReadAllText(Path.Combine(t.Folder, "keys/key-1.xml")));
        Assert.Equal("not in the backup", File.ReadAllText(Path.Combine(t.Folder, "acme/account.key")));
        await t.ReopenAsync();
        Assert.NotNull(await t.Store.Directory.FindUserIdAsync("dan@example.com", Ct));
        Assert.Null(await t.Store.Directory.FindUserIdAsync("eve@example.com", Ct));
    }

    [Fact]
    public async Task A_restore_is_refused_while_the_folder_is_locked_and_changes_nothing()
    {
        await using var t = await StoreWithUserAsync();
        var backup = await BackupWriter.WriteAsync(t.Folder, _scratch, TempStore.Options, Time, Ct);
        var before = Listing(t.Folder);
        using (DataFolderLock.TryAcquire(t.Folder, "a server"))
        {
            var e = await Assert.ThrowsAsync<BackupException>(() => BackupRestorer.RestoreAsync(backup.Path, t.Folder, TempStore.Options, Time, Ct));
            Assert.Equal($"a Kakunin server is running on {t.Folder} (it holds {Path.Combine(t.Folder, "kakunin.lock")}): stop it first (e.g. systemctl stop kakunin), then restore", e.Message);
        }

        Assert.Equal(before, Listing(t.Folder));
    }

    [Fact]
    public async Task A_target_folder_that_does_not_exist_is_named_and_nothing_is_written()
    {
        await using var t = await StoreWithUserAsync();
        var before = Listing(t.Folder);
        var target = Path.Combine(_scratch, "missing", "b.tar");

        var e = await Assert.ThrowsAsync<BackupException>(() => BackupWriter.WriteAsync(t.Folder, target, TempStore.Options, Time, Ct));

        Assert.Equal($"cannot write the backup {target}: the folder {Path.Combine(_scratch, "missing")} does not exist", e.Message);
        Assert.Equal(before, Listing(t.Folder));
    }

    [Fact]
    public async Task A_target_that_is_not_writable_is_named_and_leaves_nothing_behind()
    {
        await using var t = await StoreWithUserAsync();
        var before = Listing(t.Folder);
        // sysfs refuses new files to everyone, root included; a read-only folder does the same for other users.
        var target = Environment.UserName == "root" ? "/sys/kakunin-backup.tar" : ReadOnlyFolderTarget();

        var e = await Assert.ThrowsAsync<BackupException>(() => BackupWriter.WriteAsync(t.Folder, target, TempStore.Options, Time, Ct));

        Assert.Equal($"cannot write the backup {target}: permission denied in {Path.GetDirectoryName(target)}", e.Message);
        Assert.Equal(before, Listing(t.Folder));
        Assert.False(File.Exists(target));
    }

    [Fact]
    public async Task A_backup_from_a_newer_Kakunin_is_not_restored()
    {
        await using var t = await StoreWithUserAsync();
        var backup = await BackupWriter.WriteAsync(t.Folder, _scratch, TempStore.Options, Time, Ct);
        var fresh = Path.Combine(_scratch, "newer");
        await RewriteDatabaseAsync(backup.Path, $"INSERT INTO schema_version (version, description, applied_at) VALUES ({SchemaVersion.Known + 1}, 'later', 0)");

        var e = await Assert.ThrowsAsync<BackupException>(() => BackupRestorer.RestoreAsync(backup.Path, fresh, TempStore.Options, Time, Ct));

        Assert.Contains($"is at schema version {SchemaVersion.Known + 1}, newer than the {SchemaVersion.Known} this Kakunin knows", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(fresh, "kakunin.db")));
        Assert.Empty(Directory.GetDirectories(fresh));
    }

    [Fact]
    public async Task A_file_that_is_not_a_backup_is_named_and_nothing_is_changed()
    {
        await using var t = await StoreWithUserAsync();
        var notBackup = Path.Combine(_scratch, "notes.txt");
        Write(_scratch, "notes.txt", "hello");
        await t.Store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        var before = Listing(t.Folder);

        var e = await Assert.ThrowsAsync<BackupException>(() => BackupRestorer.RestoreAsync(notBackup, t.Folder, TempStore.Options, Time, Ct));

        Assert.StartsWith($"{notBackup} is not a", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, Listing(t.Folder));
        await t.ReopenAsync();
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_scratch))
        {
            foreach (var folder in Directory.GetDirectories(_scratch))
            {
                File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            Directory.Delete(_scratch, recursive: true);
        }

        return ValueTask.CompletedTask;
    }

    private string ReadOnlyFolderTarget()
    {
        var folder = Path.Combine(_scratch, "read-only");
        Directory.CreateDirectory(folder);
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        return Path.Combine(folder, "b.tar");
    }

    private static async Task<TempStore> StoreWithUserAsync()
    {
        var t = await TempStore.OpenAsync();
        await t.Store.Directory.AddDomainAsync("example.com", Ct);
        await t.Store.Directory.AddUserAsync("dan@example.com", "pw", Ct);
        return t;
    }

    private static void Write(string folder, string relative, string text)
    {
        var path = Path.Combine(folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    /// <summary>Every file under the folder with its size, except the lock file and SQLite's shared-memory index (they change while open).</summary>
    private static List<string> Listing(string folder) =>
        [.. Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith("-shm", StringComparison.Ordinal) && Path.GetFileName(f) != DataFolderLock.FileName)
            .Order(StringComparer.Ordinal)
            .Select(f => $"{Path.GetRelativePath(folder, f)} {new FileInfo(f).Length}")];

    private static async Task<List<string>> EntryNamesAsync(string archive)
    {
        await using var tar = new TarReader(File.OpenRead(archive));
        var names = new List<string>();
        while (await tar.GetNextEntryAsync(cancellationToken: Ct) is { } entry)
        {
            names.Add(entry.Name);
        }

        return names;
    }

    /// <summary>Changes the database inside an archive with one SQL statement (to make a backup from a newer version).</summary>
    private async Task RewriteDatabaseAsync(string archive, string sql)
    {
        var unpacked = Path.Combine(_scratch, "unpacked");
        Directory.CreateDirectory(unpacked);
        await TarFile.ExtractToDirectoryAsync(archive, unpacked, overwriteFiles: true, Ct);
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(unpacked, "kakunin.db")};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }

        var names = await EntryNamesAsync(archive);
        await using var output = File.Create(archive);
        await using var tar = new TarWriter(output);
        foreach (var name in names)
        {
            await tar.WriteEntryAsync(Path.Combine(unpacked, name), name, Ct);
        }
    }
}
