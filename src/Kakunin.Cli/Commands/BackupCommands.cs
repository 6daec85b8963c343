using System.CommandLine;
using System.Globalization;
using Kakunin.Cli.Settings;
using Kakunin.Store;
using Kakunin.Store.Backup;

namespace Kakunin.Cli.Commands;

/// <summary>
/// <c>kakunin backup FILE</c> and <c>kakunin restore FILE</c> (docs/deploy.md, Backups). A backup is taken while the
/// server runs; a restore refuses to run while a server runs on the folder.
/// </summary>
internal static class BackupCommands
{
    public static Command Backup()
    {
        var target = new Argument<string>("file")
        {
            Description = "The archive to write (.tar; .tar.gz or .tgz to compress), or an existing folder to write kakunin-backup-<time>.tar into.",
        };
        var data = DataOption.Create();
        var command = new Command("backup", "Copy the database (consistently, while the server runs) and the other state of the data folder into one archive.")
        {
            target, data,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var context = Context(result, cancellationToken);
            try
            {
                if (OnPostgres(result) is { } refusal)
                {
                    return context.Fail(refusal);
                }

                var backup = await BackupWriter.WriteAsync(FolderOf(result, data), result.GetValue(target)!, null, TimeProvider.System, cancellationToken);
                context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"backup written to {backup.Path}: {backup.Bytes:N0} bytes, database at schema version {backup.SchemaVersion} (snapshot in {backup.SnapshotTime.TotalMilliseconds:F0} ms, integrity ok), {backup.Files.Count} other files"));
                foreach (var file in backup.Files)
                {
                    context.Output.WriteLine($"  {file}");
                }

                return 0;
            }
            catch (Exception e) when (e is BackupException or CliSettingsException)
            {
                return context.Fail(e.Message);
            }
        });
        return command;
    }

    public static Command Restore()
    {
        var source = new Argument<string>("file") { Description = "An archive written by 'kakunin backup'." };
        var data = DataOption.Create();
        var command = new Command("restore", "Put a backup into the data folder (the server must be stopped; the current files are kept aside).")
        {
            source, data,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var context = Context(result, cancellationToken);
            try
            {
                if (OnPostgres(result) is { } refusal)
                {
                    return context.Fail(refusal);
                }

                var restore = await BackupRestorer.RestoreAsync(result.GetValue(source)!, FolderOf(result, data), null, TimeProvider.System, cancellationToken);
                context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"restored the backup of {restore.BackupCreatedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z (schema version {restore.SchemaVersion}, {restore.Files.Count} other files) into {restore.DataFolder}"));
                context.Output.WriteLine(restore.PreviousFilesFolder is { } aside
                    ? $"the files it replaced are in {aside}"
                    : "the folder held no database before");
                if (restore.SchemaVersion < SchemaVersion.Known)
                {
                    context.Output.WriteLine($"the next start upgrades it to schema version {SchemaVersion.Known} (after copying it to {new StoreOptions().DatabaseFileName}.before-v{SchemaVersion.Known})");
                }

                return 0;
            }
            catch (Exception e) when (e is BackupException or CliSettingsException)
            {
                return context.Fail(e.Message);
            }
        });
        return command;
    }

    /// <summary>
    /// Why the command does not run when the store is PostgreSQL (Kakunin:Store:ConnectionString), or null on SQLite.
    /// The archive holds a SQLite file; the database of several nodes is PostgreSQL's to copy consistently (pg_dump, or
    /// base backups with WAL archiving), and copying a data folder's stale or absent kakunin.db instead would give a
    /// backup that looks whole and holds none of the mail.
    /// </summary>
    private static string? OnPostgres(ParseResult result) =>
        ConfiguredSettings.Load(CliEnvironment.Of(result)).Find(DataOption.StoreConnectionKey) is { } database
            ? $"the store is PostgreSQL (Kakunin:Store:ConnectionString, {database.Origin}): back it up with pg_dump or base backups " +
              "and restore with pg_restore (docs/postgresql.md, \"Backups\"); 'kakunin backup' and 'kakunin restore' copy a SQLite store"
            : null;

    // The data folder as every administrator command finds it (one place, so it follows DataOption).
    private static string FolderOf(ParseResult result, Option<string?> data) =>
        Path.GetFullPath(DataFolder.Resolve(result.GetValue(data), CliEnvironment.Of(result)).Value);

    private static AdminContext Context(ParseResult result, CancellationToken cancellationToken) =>
        new(result.InvocationConfiguration.Output, result.InvocationConfiguration.Error, cancellationToken);
}
