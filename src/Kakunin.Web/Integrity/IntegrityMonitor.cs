using Kakunin.Store;
using Kakunin.Store.Integrity;
using Microsoft.Data.Sqlite;

namespace Kakunin.Web.Integrity;

/// <summary>
/// Runs the store's integrity check on a schedule (<see cref="IntegrityOptions.CheckInterval"/>) after the one at start,
/// and says in the log what every check and every damaged read found. The state itself lives in
/// <see cref="KakuninStore.Integrity"/>: /health, /metrics and the refusal of new mail read it there.
/// </summary>
public sealed class IntegrityMonitor : BackgroundService
{
    private readonly KakuninStore _store;
    private readonly IntegrityOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _database;
    private IntegrityCheckResult? _logged;

    /// <param name="metrics">Taken so that it exists (and counts) from the start, before anyone reads /metrics.</param>
    public IntegrityMonitor(KakuninStore store, IntegrityOptions options, TimeProvider time, ILogger<IntegrityMonitor> logger, StoreIntegrityMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(metrics);
        (_store, _options, _time, _logger) = (store, options, time, logger);
        _database = Path.GetFullPath(Path.Combine(store.DataFolder, store.Options.DatabaseFileName));
        store.Integrity.Checked += Report;
        store.Integrity.ContentDamaged += Damaged;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_store.IsSqlite)
        {
            // SQLite's quick_check has no counterpart to run from here: saying "found no damage" would claim a check never made.
            IntegrityLog.LeftToPostgres(_logger);
            return;
        }

        // The check at start ran before the host (IntegrityStartup): say what it found, or that it is still going.
        if (_store.Integrity.LastCheck is { } first)
        {
            Report(first);
        }
        else if (_store.Integrity.Checking)
        {
            IntegrityLog.StillChecking(_logger, _options.StartupWait);
        }

        if (_options.CheckInterval <= TimeSpan.Zero)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.CheckInterval, _time, stoppingToken).ConfigureAwait(false);
                await _store.Integrity.CheckAsync(_time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (SqliteException e)
            {
                IntegrityLog.CheckFailed(_logger, e.Message);
            }
        }
    }

    public override void Dispose()
    {
        _store.Integrity.Checked -= Report;
        _store.Integrity.ContentDamaged -= Damaged;
        base.Dispose();
    }

    private void Report(IntegrityCheckResult result)
    {
        if (!_store.IsSqlite)
        {
            return; // nothing was checked (IntegrityCheck.RunAsync): LeftToPostgres said so once
        }

        // Each result once, whichever of the Checked event and ExecuteAsync sees it first.
        if (ReferenceEquals(Interlocked.Exchange(ref _logged, result), result))
        {
            return;
        }

        if (result.Repaired is { } repaired)
        {
            IntegrityLog.SearchIndexRebuilt(_logger, repaired);
        }

        if (result.Intact)
        {
            IntegrityLog.Intact(_logger, _database, result.Took.TotalSeconds);
        }
        else
        {
            var problems = string.Join("; ", result.Problems.Take(5)); // a damaged store is always worth the words
            IntegrityLog.Damaged(_logger, _database, problems);
        }
    }

    private void Damaged(DamagedContent damage) => IntegrityLog.DamagedContent(_logger, damage.Describe());
}
