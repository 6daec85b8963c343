using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Kakunin.Store.Integrity;

/// <summary>
/// SQLite's <c>PRAGMA quick_check</c> on the store's database (sqlite.org/pragma.html#pragma_quick_check): every page of
/// every table and index is read and its b-tree structure checked (page types, cell layout, free list, overflow chains,
/// records' column counts), without the O(N log N) cross-check of each index against its table that integrity_check adds.
/// It reads the whole file, so it takes time in proportion to the database's size (docs/storage.md has the numbers).
/// It runs in a read transaction on its own connection: the writer goes on (WAL), the WAL cannot be checkpointed past it
/// until it ends. Cancelling interrupts it (sqlite3_interrupt) and the check then counts as not done.
/// </summary>
public static class IntegrityCheck
{
    /// <summary>At most this many problems are listed (quick_check(N)); one is enough to refuse mail.</summary>
    public const int MaxProblems = 20;

    // SQLITE_CORRUPT (11) and SQLITE_NOTADB (26): the check could not even read the structure it was checking.
    private static readonly int[] DamageCodes = [11, 26];

    public static async Task<IntegrityCheckResult> RunAsync(KakuninStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        if (!store.IsSqlite)
        {
            // PostgreSQL checks its own pages (data checksums, amcheck by its administrator): nothing of SQLite's to run.
            return new IntegrityCheckResult(true, [], time.GetUtcNow(), TimeSpan.Zero);
        }

        var watch = Stopwatch.StartNew();
        var problems = await QuickCheckAsync(store, cancellationToken).ConfigureAwait(false);
        string? repaired = null;
        if (problems.Count > 0 && problems.All(IsSearchIndexProblem))
        {
            // The search index is derived from the messages (SearchSchema): damage to it alone costs no mail, so it is
            // made anew and backfilled instead of refusing mail until a restore. Checked again after, so that damage
            // the first pass could not see past is still found.
            await store.Writer.WriteAsync(Search.SearchSchema.Rebuild, cancellationToken).ConfigureAwait(false);
            repaired = $"the search index was damaged ({problems[0]}) and is being rebuilt from the messages";
            problems = await QuickCheckAsync(store, cancellationToken).ConfigureAwait(false);
        }

        var intact = problems is ["ok"];
        return new IntegrityCheckResult(intact, intact ? [] : problems, time.GetUtcNow(), watch.Elapsed) { Repaired = repaired };
    }

    /// <summary>
    /// A problem FTS5's own check reports for the search table (SQLite runs it inside quick_check since 3.44, e.g.
    /// "fts5: checksum mismatch for table \"message_search\""). B-tree damage is never taken for one: quick_check names
    /// no table for it, and a damaged page may belong to anything.
    /// </summary>
    internal static bool IsSearchIndexProblem(string problem) =>
        problem.StartsWith("fts5:", StringComparison.Ordinal) &&
        problem.Contains($"\"{Search.SearchSchema.Table}\"", StringComparison.Ordinal);

    private static async Task<List<string>> QuickCheckAsync(KakuninStore store, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenSqliteConnectionAsync(cancellationToken).ConfigureAwait(false);
        // A cancelled check must stop inside the one long step quick_check is, not after it.
        using var interrupt = cancellationToken.Register(() => SQLitePCL.raw.sqlite3_interrupt(connection.Handle));
        var problems = new List<string>();
        try
        {
            await using var command = Sql.Command(connection, $"PRAGMA quick_check({MaxProblems})");
            command.CommandTimeout = 0;
            await using var reader = await command.ExecuteReaderAsync(CancellationToken.None).ConfigureAwait(false);
            while (await reader.ReadAsync(CancellationToken.None).ConfigureAwait(false))
            {
                // One problem a row, or several in one row separated by newlines (older SQLite), after a
                // "*** in database main ***" heading that names no problem.
                problems.AddRange(reader.GetString(0).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Where(line => !line.StartsWith("*** ", StringComparison.Ordinal)));
            }
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 9 && cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("the integrity check was interrupted", e, cancellationToken); // SQLITE_INTERRUPT
        }
        catch (SqliteException e) when (DamageCodes.Contains(e.SqliteErrorCode))
        {
            problems.Clear();
            problems.Add($"the check stopped at damage it could not read past ({e.Message.TrimEnd('.')})");
        }

        return problems;
    }
}
