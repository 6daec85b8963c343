using System.Data.Common;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kakunin.Store.Search;

/// <summary>
/// Fills the search index (migration 17) outside the delivery's commit, so indexing never slows SMTP (issue 14):
/// it reads the next <see cref="BatchSize"/> messages past the cursor on a read connection, parses them with MimeKit
/// there, and writes their rows and the new cursor in one writer unit without an fsync (the index can be rebuilt).
/// After an upgrade it backfills existing mail the same way. Messages it has not reached yet are still found: the
/// search reads that tail with LIKE (<see cref="MessageSearch"/>).
/// </summary>
public sealed partial class SearchIndexer(KakuninStore store, ILogger<SearchIndexer> logger) : BackgroundService
{
    // Small: a batch holds the one writer while its rows go in (about 20 ms a message measured, not yet profiled), and mail waits behind it.
    public const int BatchSize = 25;

    // Between looks when there was nothing to do; a just-arrived message is found by the LIKE tail meanwhile.
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(2);

    // How long the writer must have committed nothing before a batch is indexed: mail comes first. Measured with the
    // indexer running beside a burst of submissions: 144 against 221 messages/s, 7.5 against 5.6 ms of CPU per message
    // (docs/benchmarks.md §6); waiting for a quiet writer moves that work after the burst.
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    /// <summary>Indexes one batch; returns how many messages it took (0: the index has caught up).</summary>
    public async Task<int> IndexBatchAsync(CancellationToken cancellationToken)
    {
        var rows = new List<SearchText.Row>();
        long through;
        await using (var connection = await store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false))
        {
            through = await CursorAsync(connection, cancellationToken).ConfigureAwait(false);
            await using var command = Sql.Command(
                connection,
                "SELECT m.id, m.subject, " + MessageContents.Select + " FROM messages m" + MessageContents.Join + " WHERE m.id > @after ORDER BY m.id LIMIT @n",
                ("@after", through), ("@n", BatchSize));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(SearchText.Read(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1), (byte[])reader.GetValue(2)));
            }
        }

        if (rows.Count == 0)
        {
            return 0;
        }

        await store.Writer.WriteWithoutFsyncAsync(tx => Write(tx, through, rows), cancellationToken).ConfigureAwait(false);
        return rows.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await WaitForQuietWriterAsync(stoppingToken).ConfigureAwait(false);
                if (await IndexBatchAsync(stoppingToken).ConfigureAwait(false) < BatchSize)
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

    /// <summary>Returns once the store's writer has committed nothing for <see cref="Quiet"/> (no mail arriving or being delivered).</summary>
    private async Task WaitForQuietWriterAsync(CancellationToken cancellationToken)
    {
        var seen = store.Writer.TransactionsCommitted;
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

        var key = PostgresMessageSearch.KeyOf(tx.Dialect); // rowid; PostgreSQL's plain table: id
        foreach (var row in rows)
        {
            // Only messages that still exist (one may have been deleted since the read); REPLACE semantics by delete first.
            tx.Execute($"DELETE FROM message_search WHERE {key} = @id", ("@id", row.Id));
            tx.Execute(
                $"INSERT INTO message_search ({key}, subject, addresses, body) SELECT @id, @s, @a, @b WHERE EXISTS (SELECT 1 FROM messages WHERE id = @id)",
                ("@id", row.Id), ("@s", row.Subject), ("@a", row.Addresses), ("@b", row.Body));
        }

        tx.Execute("UPDATE message_search_state SET indexed_through = @t WHERE id = 1", ("@t", rows[^1].Id));
        return true;
    }
}
