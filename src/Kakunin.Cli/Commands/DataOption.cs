using System.CommandLine;
using Kakunin.Store;
using Microsoft.Data.Sqlite;

namespace Kakunin.Cli.Commands;

/// <summary>
/// <c>--data DIR</c>, the data folder every administrator command works on, and opening the store in it. The
/// store is opened directly, next to a running server: WAL lets both read at once, and every connection sets
/// busy_timeout, so a write here waits for the server's commit instead of failing.
/// </summary>
internal static class DataOption
{
    /// <summary>The same default as <c>kakunin serve</c>.</summary>
    public const string DefaultFolder = Kakunin.Web.KakuninOptions.DefaultDataDirectory;

    public static Option<DirectoryInfo> Create() => new("--data")
    {
        Description = "The server's data folder (holds kakunin.db).",
        DefaultValueFactory = _ => new DirectoryInfo(DefaultFolder),
    };

    /// <summary>
    /// Opens the store in the folder given by <paramref name="data"/> and runs <paramref name="action"/> on it. Without
    /// <paramref name="create"/> a folder with no database is an error (a mistyped --data would otherwise get a new,
    /// empty store). Errors go to standard error as <c>kakunin: …</c> with exit code 1.
    /// </summary>
    public static async Task<int> RunAsync(
        ParseResult result, Option<DirectoryInfo> data, Func<KakuninStore, AdminContext, Task<int>> action, CancellationToken cancellationToken, bool create = false)
    {
        var context = new AdminContext(result.InvocationConfiguration.Output, result.InvocationConfiguration.Error, cancellationToken);
        var folder = result.GetValue(data)!;
        // A new kakunin installed next to an old server that still runs: the server upgrades the database, not this command.
        var options = new StoreOptions { RefuseUpgradeWhileLocked = true };
        if (!create && !File.Exists(Path.Combine(folder.FullName, options.DatabaseFileName)))
        {
            return context.Fail($"no Kakunin data in {folder.FullName} (give --data, or start with 'kakunin domain add')");
        }

        try
        {
            await using var store = await KakuninStore.OpenAsync(folder.FullName, options, cancellationToken).ConfigureAwait(false);
            if (store.Upgrade is { } upgrade)
            {
                context.Error.WriteLine($"kakunin: upgraded the database from schema version {upgrade.FromVersion} to {upgrade.ToVersion}; the previous one is in {upgrade.CopyPath}");
            }

            var exit = await action(store, context).ConfigureAwait(false);
            context.Output.Flush();
            return exit;
        }
        catch (SqliteException e)
        {
            return context.Fail($"database error in {folder.FullName}: {e.Message}");
        }
        catch (Exception e) when (e is DatabaseTooNewException or StoreUpgradeException)
        {
            return context.Fail(e.Message);
        }
    }
}

/// <summary>Where an administrator command writes, and its cancellation.</summary>
internal sealed record AdminContext(TextWriter Output, TextWriter Error, CancellationToken CancellationToken)
{
    /// <summary>Writes <c>kakunin: message</c> to standard error; returns the exit code 1.</summary>
    public int Fail(string message)
    {
        Error.WriteLine($"kakunin: {message}");
        Error.Flush();
        return 1;
    }
}
