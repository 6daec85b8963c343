using System.CommandLine;
using Kakunin.Cli.Settings;
using Kakunin.Store;
using Microsoft.Data.Sqlite;

namespace Kakunin.Cli.Commands;

/// <summary>
/// <c>--data DIR</c>, the data folder every administrator command works on, and opening the store in it. The folder is
/// found as <see cref="DataFolder"/> says (--data, KAKUNIN_DATA, the configuration, kakunin-data). The store is opened
/// directly, next to a running server: WAL lets both read at once, and every connection sets busy_timeout, so a write
/// here waits for the server's commit instead of failing.
/// </summary>
internal static class DataOption
{
    public static Option<string?> Create() => new(DataFolder.OptionName)
    {
        Description = "The server's data folder (holds kakunin.db). Default: $KAKUNIN_DATA, else Kakunin:DataDirectory "
            + "from the configuration (KAKUNIN_CONFIG or /etc/kakunin/kakunin.json, appsettings.json), else ./kakunin-data.",
    };

    /// <summary>
    /// Opens the store in the folder given by <paramref name="data"/> and runs <paramref name="action"/> on it. Without
    /// <paramref name="create"/> a folder with no database is an error (a mistyped --data would otherwise get a new,
    /// empty store). Errors go to standard error as <c>kakunin: …</c> with exit code 1, naming the folder and where
    /// it came from.
    /// </summary>
    public static async Task<int> RunAsync(
        ParseResult result, Option<string?> data, Func<KakuninStore, AdminContext, Task<int>> action, CancellationToken cancellationToken, bool create = false)
    {
        var context = new AdminContext(result.InvocationConfiguration.Output, result.InvocationConfiguration.Error, cancellationToken);
        Located<string> folder;
        try
        {
            folder = DataFolder.Resolve(result.GetValue(data), CliEnvironment.Of(result));
        }
        catch (CliSettingsException e)
        {
            return context.Fail(e.Message);
        }

        context = context with { Folder = folder };
        // A new kakunin installed next to an old server that still runs: the server upgrades the database, not this command.
        var options = new StoreOptions { RefuseUpgradeWhileLocked = true };
        // PostgreSQL (docs/postgresql.md): the same Kakunin:Store:ConnectionString as kakunin serve (KAKUNIN__STORE__CONNECTIONSTRING
        // or the configuration file). Its writes reach the running nodes through the commit notice (docs/storage.md, "Several writers").
        Located<string>? database;
        try
        {
            database = ConfiguredSettings.Load(CliEnvironment.Of(result)).Find(StoreConnectionKey);
        }
        catch (CliSettingsException e)
        {
            return context.Fail(e.Message);
        }

        if (database is not null)
        {
            options = options with { ConnectionString = database.Value };
        }

        if (!create && database is null && Missing(folder, options) is { } problem)
        {
            return context.Fail(problem);
        }

        try
        {
            await using var store = await KakuninStore.OpenAsync(folder.Value, options, cancellationToken).ConfigureAwait(false);
            if (store.Upgrade is { } upgrade)
            {
                context.Error.WriteLine($"kakunin: upgraded the database from schema version {upgrade.FromVersion} to {upgrade.ToVersion}; the previous one is in {upgrade.CopyPath}");
            }

            var exit = await action(store, context).ConfigureAwait(false);
            context.Output.Flush();
            return exit;
        }
        catch (CliSettingsException e)
        {
            return context.Fail(e.Message);
        }
        catch (Exception e) when (e is SqliteException or IOException && Kakunin.Store.Space.OutOfSpace.Is(e, new Kakunin.Store.Space.StorageSpace(folder.Value, 0)))
        {
            // docs/storage.md: a full disk says so, in one line, like kakunin serve.
            var free = new Kakunin.Store.Space.StorageSpace(folder.Value, 0).Read() is { } r ? $"{Kakunin.Store.Space.StorageSize.Format(r.Free)} free of {Kakunin.Store.Space.StorageSize.Format(r.Size)}" : "no free space";
            return context.Fail($"the data folder {folder.Value} ({folder.Origin}) is on a full file system ({free}): free space there and run the command again ({e.Message.TrimEnd('.')})");
        }
        catch (SqliteException e)
        {
            return context.Fail($"database error in {folder.Value} ({folder.Origin}): {e.Message}");
        }
        catch (System.Data.Common.DbException e) when (database is not null)
        {
            // The password stays out of the message: the setting is named, not shown.
            return context.Fail($"database error on the PostgreSQL server of Kakunin:Store:ConnectionString ({database.Origin}): {e.Message}");
        }
        catch (Exception e) when (e is DatabaseTooNewException or StoreUpgradeException)
        {
            return context.Fail(e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return context.Fail($"cannot use the data folder {folder.Value} ({folder.Origin}): {e.Message}");
        }
    }

    /// <summary>The configuration key of the PostgreSQL connection string, under Kakunin: (as kakunin serve reads it).</summary>
    public const string StoreConnectionKey = "Store:ConnectionString";

    /// <summary>Why there is no database to open, or null when there is one.</summary>
    internal static string? Missing(Located<string> folder, StoreOptions options)
    {
        var why = !Directory.Exists(folder.Value) ? "the folder does not exist"
            : !File.Exists(Path.Combine(folder.Value, options.DatabaseFileName)) ? $"it has no {options.DatabaseFileName}"
            : null;
        if (why is null)
        {
            return null;
        }

        // Only a folder nobody chose needs the hint; one that was given is named with its source above.
        var hint = folder.Source is null ? $"; give {DataFolder.OptionName} DIR or set {DataFolder.EnvironmentVariable} to the folder 'kakunin serve' uses" : string.Empty;
        return $"no Kakunin database in {folder.Value} ({folder.Origin}): {why}{hint}";
    }
}

/// <summary>Where an administrator command writes, its cancellation, and the data folder it works on.</summary>
internal sealed record AdminContext(TextWriter Output, TextWriter Error, CancellationToken CancellationToken)
{
    /// <summary>The data folder and where it came from.</summary>
    public Located<string>? Folder { get; init; }

    /// <summary>
    /// Something asked for is not in this data folder: the message names the folder, since the usual cause of
    /// "no user bob@…" is a command looking in another folder than the server's.
    /// </summary>
    public int NotFound(string what) =>
        Fail(Folder is null ? what : $"{what} in {Folder.Value} ({Folder.Origin})");

    /// <summary>Writes <c>kakunin: message</c> to standard error; returns the exit code 1.</summary>
    public int Fail(string message)
    {
        Error.WriteLine($"kakunin: {message}");
        Error.Flush();
        return 1;
    }
}
