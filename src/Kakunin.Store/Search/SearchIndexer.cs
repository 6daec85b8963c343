using System.Data.Common;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kakunin.Store.Search;

/// <summary>
/// Fills the search index (migration 17) outside the delivery's commit, so indexing never slows SMTP (issue 14):
/// it reads the next messages past the cursor (a batch: <see cref="BatchSize"/>) on a read connection, parses them with MimeKit
/// there, and writes their rows and the new cursor in one writer unit without an fsync (the index can be rebuilt).
/// After an upgrade it backfills existing mail the same way. Messages it has not reached yet are still found: the
/// search reads that tail with LIKE (<see cref="MessageSearch"/>).
/// </summary>
public sealed partial class SearchIndexer(KakuninStore store, ILogger<SearchIndexer> logger) : BackgroundService
{
    // A batch is one writer unit: up to this many messages, or MaxBatchChars of text, whichever comes first. Measured
    // (docs/benchmarks.md §6): about 0.1 ms of writer CPU a message at 100 (0.2 at 25: each commit is an FTS5 segment to
    // merge later) into a small index, so a batch holds the writer about 10 ms; into an index of 65,000 messages the
    // merges FTS5 does as it grows made it 1.4-10 ms a message (open: the mail waiting behind such a batch).
    public const int BatchSize = 100;

    // Bounds a batch of long messages (each body is capped at SearchText.MaxBodyChars): the writer's time grows with the text.
    private const int MaxBatchChars = 1_000_000;

    // Between looks when there was nothing to do; a just-arrived message is found by the LIKE tail meanwhile.
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(2);

    // How long the writer must have committed nothing before a batch is indexed: mail comes first. Measured with the
    // indexer running beside a burst of submissions: 144 against 221 messages/s, 7.5 against 5.6 ms of CPU per message
    // (docs/benchmarks.md §6); waiting for a quiet writer moves that work after the burst.
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    // The writer's commit count just after this indexer's own last batch: unchanged means nothing else was written since.
    private long _afterOwnBatch = -1;

    /// <summary>At most this many messages a batch (default <see cref="BatchSize"/>; the bench compares sizes).</summary>
    public int BatchLimit { get; init; } = BatchSize;

    /// <summary>
    /// Whether the writer committed nothing but the last batch while it was read, parsed and written: then the next batch
    /// follows at once; otherwise the indexer first waits for <see cref="Quiet"/> without commits (mail comes first).
    /// </summary>
    public bool LastBatchAlone { get; private set; }

    /// <summary>Indexes one batch; returns how many messages it took (0: the index has caught up).</summary>
    public async Task<int> IndexBatchAsync(CancellationToken cancellationToken)
    {
        var unitsBefore = store.Writer.UnitsCommitted;
        var rows = new List<SearchText.Row>();
        long through;
        await using (var connection = await store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false))
        {
            // SQLite: the messages past the cursor. PostgreSQL: the messages still waiting in message_search_pending.
            through = store.IsSqlite ? await CursorAsync(connection, cancellationToken).ConfigureAwait(false) : 0;
            await using var command = store.IsSqlite
                ? Sql.Command(
                    connection,
                    "SELECT m.id, m.subject, " + MessageContents.Select + " FROM messages m" + MessageContents.Join + " WHERE m.id > @after ORDER BY m.id LIMIT @n",
                    ("@after", through), ("@n", BatchLimit))
                : Sql.Command(
                    connection,
                    "SELECT m.id, m.subject, " + MessageContents.Select + " FROM message_search_pending p JOIN messages m ON m.id = p.id" + MessageContents.Join +
                    " ORDER BY p.id LIMIT @n",
                    ("@n", BatchLimit));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var chars = 0;
            while (chars < MaxBatchChars && await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var row = SearchText.Read(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1), (byte[])reader.GetValue(2));
                rows.Add(row);
                chars += row.Subject.Length + row.Addresses.Length + row.Body.Length;
            }
        }

        if (rows.Count == 0)
        {
            return 0;
        }

        await store.Writer.WriteWithoutFsyncAsync(tx => store.IsSqlite ? Write(tx, through, rows) : WriteTaken(tx, rows), cancellationToken).ConfigureAwait(false);
        // Only a batch that was the one unit committed while it was read, parsed and written lets the next follow at once.
        // Under load, mail commits meanwhile or shares the batch's group commit. The commit count alone cannot tell: read
        // after a shared commit it already includes the mail, and taken as "only our own batch" it let a backfill run
        // batch after batch beside 32 SMTP sessions (FTS5 was a fifth of the server's CPU profile, and 32 KB mail at 32
        // sessions ran at a third of the rate: docs/benchmarks.md §1).
        LastBatchAlone = store.Writer.UnitsCommitted - unitsBefore == 1;
        _afterOwnBatch = LastBatchAlone ? store.Writer.TransactionsCommitted : -1;
        return rows.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await WaitForQuietWriterAsync(stoppingToken).ConfigureAwait(false);
                if (await IndexBatchAsync(stoppingToken).ConfigureAwait(false) == 0)
                {
                    await Task.Delay(Idle, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            // Any failure: logged, tried again later. The index is never worth stopping the server for (an exception
            // leaving a BackgroundService stops the host by default).
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex);
                await Task.Delay(Idle, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Returns once the store's writer has committed nothing for <see cref="Quiet"/> (no mail arriving or being
    /// delivered); at once when nothing but this indexer's own last batch was committed since (a backfill on a quiet
    /// server goes on batch after batch instead of pausing 300 ms between them).
    /// </summary>
    private async Task WaitForQuietWriterAsync(CancellationToken cancellationToken)
    {
        var seen = store.Writer.TransactionsCommitted;
        if (seen == _afterOwnBatch)
        {
            await Task.Yield();
            return;
        }

        while (true)
        {
            await Task.Delay(Quiet, cancellationToken).ConfigureAwait(false);
            var now = store.Writer.TransactionsCommitted;
            if (now == seen)
            {
                return;
            }

            seen = now;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Search indexing failed; trying again shortly")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    private static async Task<long> CursorAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = Sql.Command(connection, "SELECT indexed_through FROM message_search_state WHERE id = 1");
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long value ? value : 0;
    }

    private static bool Write(StoreTransaction tx, long readFrom, List<SearchText.Row> rows)
    {
        // Another writer (the delete trigger) moved the cursor since the read: drop this batch, the next read redoes it.
        if (tx.ScalarInt64("SELECT indexed_through FROM message_search_state WHERE id = 1") != readFrom)
        {
            return false;
        }

        foreach (var row in rows)
        {
            // Only messages that still exist (one may have been deleted since the read); REPLACE semantics by delete first.
            tx.Execute("DELETE FROM message_search WHERE rowid = @id", ("@id", row.Id));
            // The existence check is its own statement, never INSERT … SELECT … WHERE EXISTS: that form made SQLite open a
            // statement savepoint around the insert, and FTS5 writes its pending terms out as a new index segment at each
            // savepoint (fts5_main.c, fts5SavepointMethod), so every message became a segment to merge later: 10x the
            // CPU per message (measured: docs/benchmarks.md §6). A plain INSERT … VALUES keeps them pending to the commit.
            if (tx.ScalarInt64("SELECT 1 FROM messages WHERE id = @id", ("@id", row.Id)) is null)
            {
                continue;
            }

            tx.Execute(
                "INSERT INTO message_search (rowid, subject, addresses, body) VALUES (@id, @s, @a, @b)",
                ("@id", row.Id), ("@s", row.Subject), ("@a", row.Addresses), ("@b", row.Body));
        }

        tx.Execute("UPDATE message_search_state SET indexed_through = @t WHERE id = 1", ("@t", rows[^1].Id));
        return true;
    }

    /// <summary>
    /// PostgreSQL: writes the rows of the messages this unit takes off message_search_pending. Several writers commit
    /// there in any order, so a cursor could pass an id whose message commits later (its body never indexed); the queue
    /// has a row per message, written by the insert trigger in the message's own commit. A row another node's indexer
    /// took first (or whose message was deleted: the foreign key's cascade) deletes nothing here and is skipped, so two
    /// nodes index each message once. Returns whether it took any.
    /// </summary>
    private static bool WriteTaken(StoreTransaction tx, List<SearchText.Row> rows)
    {
        var taken = false;
        foreach (var row in rows)
        {
            if (tx.Execute("DELETE FROM message_search_pending WHERE id = @id", ("@id", row.Id)) == 0)
            {
                continue;
            }

            taken = true;
            tx.Execute("DELETE FROM message_search WHERE id = @id", ("@id", row.Id));
            tx.Execute(
                "INSERT INTO message_search (id, subject, addresses, body) VALUES (@id, @s, @a, @b)",
                ("@id", row.Id), ("@s", row.Subject), ("@a", row.Addresses), ("@b", row.Body));
        }

        return taken;
    }
}
