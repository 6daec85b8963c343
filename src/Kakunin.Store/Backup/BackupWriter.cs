using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Kakunin.Store.Backup;

/// <summary>
/// <c>kakunin backup FILE</c>: one tar archive (gzip-compressed when FILE ends in .gz or .tgz) holding
/// <see cref="BackupManifest"/>, a consistent snapshot of the database taken through SQLite's online backup while
/// the server keeps running (<see cref="SqliteCopy"/>), and the other state files of the data folder
/// (<see cref="DataFolderContents"/>). The archive holds private keys (DKIM in the database, TLS, data protection),
/// so it is created readable by its owner only. Nothing is written to the data folder: the snapshot and the archive
/// are built beside FILE and renamed to it only when complete, so a failed backup leaves no half-written FILE.
/// </summary>
public static class BackupWriter
{
    /// <summary>The archive's file name when FILE is a folder: kakunin-backup-20260115T101500Z.tar.</summary>
    public static string DefaultFileName(DateTimeOffset now) =>
        "kakunin-backup-" + now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + ".tar";

    /// <summary>Writes a backup of <paramref name="dataFolder"/> to <paramref name="target"/> (a file, or a folder to put one in).</summary>
    /// <exception cref="BackupException">The data folder has no database, or the target cannot be written (the message names it).</exception>
    public static async Task<BackupResult> WriteAsync(string dataFolder, string target, StoreOptions? options, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        options ??= new StoreOptions();
        var folder = Path.GetFullPath(dataFolder);
        var database = Path.Combine(folder, options.DatabaseFileName);
        if (!File.Exists(database))
        {
            throw new BackupException($"no Kakunin database at {database}: nothing to back up (is --data right?)");
        }

        var now = time.GetUtcNow();
        var file = Path.GetFullPath(Directory.Exists(target) ? Path.Combine(target, DefaultFileName(now)) : target);
        var targetFolder = Path.GetDirectoryName(file)!;
        if (!Directory.Exists(targetFolder))
        {
            throw new BackupException($"cannot write the backup {file}: the folder {targetFolder} does not exist");
        }

        // A backup inside the data folder would be lost with it, and carried into every later backup.
        if (file.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new BackupException($"cannot write the backup {file}: it is inside the data folder {folder}; put it elsewhere (another disk, or a folder that is copied off the machine)");
        }

        var partial = Path.Combine(targetFolder, $".{Path.GetFileName(file)}.{Environment.ProcessId}.partial");
        var snapshot = Path.Combine(targetFolder, $".{Path.GetFileName(file)}.{Environment.ProcessId}.db");
        FileStream output;
        try
        {
            // The first write, before the database is read: an unwritable target fails here and touches nothing.
            var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            output = new FileStream(partial, create);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BackupException($"cannot write the backup {file}: {Reason(e)} in {targetFolder}", e);
        }

        try
        {
            int schemaVersion;
            var started = time.GetTimestamp();
            using (var source = SqliteCopy.Open(database))
            {
                schemaVersion = SchemaVersion.Read(source);
                await SqliteCopy.CopyToAsync(source, snapshot, cancellationToken).ConfigureAwait(false);
            }

            var snapshotTime = time.GetElapsedTime(started);
            using (var copy = SqliteCopy.Open(snapshot))
            {
                if (SqliteCopy.IntegrityProblem(copy) is { } problem)
                {
                    throw new BackupException($"the snapshot of {database} fails PRAGMA integrity_check ({problem}); no backup was written");
                }
            }

            var files = DataFolderContents.StateFiles(folder, options.DatabaseFileName);
            var manifest = new BackupManifest
            {
                CreatedAt = now,
                SchemaVersion = schemaVersion,
                Database = options.DatabaseFileName,
                DataFolder = folder,
                Files = files,
            };
            await WriteArchiveAsync(output, Compressed(file), manifest, snapshot, folder, cancellationToken).ConfigureAwait(false);
            output.Flush(flushToDisk: true);
            var bytes = output.Length;
            await output.DisposeAsync().ConfigureAwait(false);
            File.Move(partial, file, overwrite: true);
            return new BackupResult(file, bytes, schemaVersion, files, snapshotTime);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BackupException($"cannot write the backup {file}: {Reason(e)}", e);
        }
        catch (SqliteException e)
        {
            throw new BackupException($"cannot read {database}: {e.Message}", e);
        }
        finally
        {
            await output.DisposeAsync().ConfigureAwait(false);
            TryDelete(snapshot);
            TryDelete(partial);
        }
    }

    /// <summary>Whether an archive name asks for gzip.</summary>
    public static bool Compressed(string file) =>
        file.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase);

    private static async Task WriteArchiveAsync(Stream output, bool compress, BackupManifest manifest, string snapshot, string folder, CancellationToken cancellationToken)
    {
        var stream = compress ? new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true) : output;
        try
        {
            await using var tar = new TarWriter(stream, TarEntryFormat.Pax, leaveOpen: true);
            var json = JsonSerializer.SerializeToUtf8Bytes(manifest, BackupManifestJsonContext.Default.BackupManifest);
            var entry = new PaxTarEntry(TarEntryType.RegularFile, BackupManifest.EntryName)
            {
                DataStream = new MemoryStream(json),
                Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
                ModificationTime = manifest.CreatedAt,
            };
            await tar.WriteEntryAsync(entry, cancellationToken).ConfigureAwait(false);
            await tar.WriteEntryAsync(snapshot, manifest.Database, cancellationToken).ConfigureAwait(false);
            foreach (var name in manifest.Files)
            {
                await tar.WriteEntryAsync(Path.Combine(folder, name), name, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            if (compress)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    internal static string Reason(Exception e) => e switch
    {
        UnauthorizedAccessException => "permission denied",
        DirectoryNotFoundException => "the folder does not exist",
        _ when e.Message.Contains("Read-only file system", StringComparison.OrdinalIgnoreCase) => "read-only file system",
        _ when e.Message.Contains("No space left", StringComparison.OrdinalIgnoreCase) => "no space left on the device",
        _ => e.Message,
    };

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>A backup written: where, how big, the schema version it holds, the files besides the database, and how long the database snapshot took.</summary>
public sealed record BackupResult(string Path, long Bytes, int SchemaVersion, IReadOnlyList<string> Files, TimeSpan SnapshotTime);
