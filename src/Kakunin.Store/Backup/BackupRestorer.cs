using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Kakunin.Store.Backup;

/// <summary>
/// <c>kakunin restore FILE</c>: puts a <see cref="BackupWriter"/> archive back into a data folder. Refused while a
/// server runs on the folder (<see cref="DataFolderLock"/>, held here too for the duration, so none can start in
/// between). The archive is unpacked into a staging folder inside the data folder and checked first (manifest,
/// <c>PRAGMA integrity_check</c>, a schema version this program knows); only then are the current database and the
/// files the archive replaces moved aside into <c>before-restore-&lt;time&gt;/</c>, never deleted, and the restored
/// ones renamed into place. Files the archive does not hold are left as they are.
/// </summary>
public static class BackupRestorer
{
    /// <exception cref="BackupException">The archive is unreadable or not a Kakunin backup, a server runs on the folder,
    /// or the backup's database is damaged or from a newer Kakunin (the message names the file or folder).</exception>
    public static async Task<RestoreResult> RestoreAsync(string archive, string dataFolder, StoreOptions? options, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        options ??= new StoreOptions();
        var file = Path.GetFullPath(archive);
        var folder = Path.GetFullPath(dataFolder);
        if (!File.Exists(file))
        {
            throw new BackupException($"no backup at {file}");
        }

        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BackupException($"cannot create the data folder {folder}: {BackupWriter.Reason(e)}", e);
        }

        using var folderLock = DataFolderLock.TryAcquire(folder, "kakunin restore")
            ?? throw new BackupException(
                $"a Kakunin server is running on {folder} (it holds {DataFolderLock.PathIn(folder)}): stop it first (e.g. systemctl stop kakunin), then restore");

        var staging = Path.Combine(folder, DataFolderContents.RestoreStagingPrefix + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            var manifest = await UnpackAsync(file, staging, cancellationToken).ConfigureAwait(false);
            var stagedDatabase = Path.Combine(staging, manifest.Database);
            CheckDatabase(file, stagedDatabase);

            var now = time.GetUtcNow();
            var aside = Path.Combine(folder, DataFolderContents.BeforeRestorePrefix + now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture));
            var movedAside = new List<string>();
            void MoveAside(string relative)
            {
                var current = Path.Combine(folder, relative);
                if (File.Exists(current))
                {
                    var destination = Path.Combine(aside, relative);
                    Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                    File.Move(current, destination);
                    movedAside.Add(relative);
                }
            }

            // The database goes aside with its -wal and -shm: a -wal left by a crash holds committed transactions.
            foreach (var name in DataFolderContents.DatabaseFiles(options.DatabaseFileName))
            {
                MoveAside(name);
            }

            foreach (var name in manifest.Files)
            {
                MoveAside(name);
            }

            foreach (var name in manifest.Files.Prepend(manifest.Database))
            {
                var destination = Path.Combine(folder, name == manifest.Database ? options.DatabaseFileName : name);
                Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                File.Move(Path.Combine(staging, name), destination);
            }

            return new RestoreResult(folder, manifest.CreatedAt, manifest.SchemaVersion, manifest.Files, movedAside.Count > 0 ? aside : null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BackupException($"cannot restore into {folder}: {BackupWriter.Reason(e)}", e);
        }
        finally
        {
            try
            {
                if (Directory.Exists(staging))
                {
                    Directory.Delete(staging, recursive: true);
                }
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task<BackupManifest> UnpackAsync(string file, string staging, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(staging);
        await using var input = File.OpenRead(file);
        var stream = IsGzip(input) ? new GZipStream(input, CompressionMode.Decompress, leaveOpen: true) : (Stream)input;
        await using var _ = stream.ConfigureAwait(false);
        BackupManifest? manifest = null;
        var names = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            await using var tar = new TarReader(stream, leaveOpen: true);
            while (await tar.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
            {
                if (manifest is null)
                {
                    manifest = entry.Name == BackupManifest.EntryName && entry.DataStream is { } json
                        ? await JsonSerializer.DeserializeAsync(json, BackupManifestJsonContext.Default.BackupManifest, cancellationToken).ConfigureAwait(false)
                        : null;
                    if (manifest is not { Format: BackupManifest.FormatName })
                    {
                        throw new BackupException($"{file} is not a Kakunin backup (it does not start with {BackupManifest.EntryName})");
                    }

                    if (manifest.FormatVersion > BackupManifest.CurrentFormatVersion)
                    {
                        throw new BackupException($"{file} is a backup in format {manifest.FormatVersion}, newer than this Kakunin reads ({BackupManifest.CurrentFormatVersion}): restore it with the version that made it");
                    }

                    continue;
                }

                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || !IsSafeName(entry.Name) ||
                    entry.Name == DataFolderLock.FileName || (entry.Name != manifest.Database && entry.Name.StartsWith(manifest.Database + "-", StringComparison.Ordinal)))
                {
                    throw new BackupException($"{file} holds an entry Kakunin never writes ({entry.EntryType} {entry.Name}); not restored");
                }

                var destination = Path.Combine(staging, entry.Name);
                Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                // Private keys stay private: a file never comes out more open than owner read and write.
                await entry.ExtractToFileAsync(destination, overwrite: false, cancellationToken).ConfigureAwait(false);
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(destination, entry.Mode & (UnixFileMode.UserRead | UnixFileMode.UserWrite));
                }

                names.Add(entry.Name);
            }
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or JsonException or EndOfStreamException)
        {
            throw new BackupException($"{file} is not a readable Kakunin backup ({e.Message})", e);
        }

        if (manifest is null)
        {
            throw new BackupException($"{file} is empty: not a Kakunin backup");
        }

        var missing = manifest.Files.Prepend(manifest.Database).FirstOrDefault(n => !names.Contains(n));
        if (missing is not null)
        {
            throw new BackupException($"{file} is incomplete: {missing} is listed in its manifest but not in the archive");
        }

        return manifest;
    }

    private static void CheckDatabase(string file, string database)
    {
        try
        {
            using var connection = SqliteCopy.Open(database);
            if (SqliteCopy.IntegrityProblem(connection) is { } problem)
            {
                throw new BackupException($"the database in {file} fails PRAGMA integrity_check ({problem}); nothing was changed");
            }

            var version = SchemaVersion.Read(connection);
            if (version > SchemaVersion.Known)
            {
                throw new BackupException(
                    $"the database in {file} is at schema version {version}, newer than the {SchemaVersion.Known} this Kakunin knows: restore it with the version that made it; nothing was changed");
            }
        }
        catch (SqliteException e)
        {
            throw new BackupException($"the database in {file} cannot be read ({e.Message}); nothing was changed", e);
        }
    }

    private static bool IsGzip(FileStream input)
    {
        Span<byte> magic = stackalloc byte[2];
        var read = input.Read(magic);
        input.Position = 0;
        return read == 2 && magic[0] == 0x1f && magic[1] == 0x8b; // RFC 1952 §2.3.1: ID1, ID2
    }

    // Relative, forward, no way out of the folder: an archive must not write outside it.
    private static bool IsSafeName(string name) =>
        name.Length > 0 && !name.StartsWith('/') && !name.Contains('\\', StringComparison.Ordinal) &&
        name.Split('/').All(part => part.Length > 0 && part != "." && part != "..");
}

/// <summary>A restore done: into which folder, when the backup was taken, its schema version, the files besides the
/// database, and where the previous files were put (null when the folder had none).</summary>
public sealed record RestoreResult(string DataFolder, DateTimeOffset BackupCreatedAt, int SchemaVersion, IReadOnlyList<string> Files, string? PreviousFilesFolder);
