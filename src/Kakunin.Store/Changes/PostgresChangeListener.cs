using System.Globalization;
using Kakunin.Store.Dialects;
using Npgsql;

namespace Kakunin.Store.Changes;

/// <summary>
/// One LISTEN connection per node on PostgreSQL (docs/postgresql.md, "Change notices"): the triggers' notices
/// (<c>user:folder</c>, sent at commit by any node, this one included) become <see cref="StoreChanges.Publish"/>, and
/// another node's commit notice (<see cref="CommitPayloadPrefix"/> + its node id) becomes "something changed"
/// (<see cref="StoreChanges.PublishExternal"/>, at most once per <see cref="ExternalCoalesce"/>, as often as SQLite's
/// idle writer looks at data_version). A lost connection loses the notices sent meanwhile, so after every reconnect
/// the listener says "everything may have changed" once; it reconnects with a back-off from 0.2 s doubling to 5 s.
/// </summary>
internal sealed class PostgresChangeListener : IAsyncDisposable
{
    /// <summary>The first character of a writer's commit notice; a trigger's payload starts with a user id.</summary>
    public const string CommitPayloadPrefix = "*";

    /// <summary>Other nodes' commits are told at most this often (each one would make every IDLE session look again).</summary>
    public static readonly TimeSpan ExternalCoalesce = TimeSpan.FromMilliseconds(250);

    private static readonly TimeSpan FirstBackOff = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LongestBackOff = TimeSpan.FromSeconds(5);

    // A silent socket (a network cut, not a refused one) is found by asking the server this often.
    private static readonly TimeSpan Probe = TimeSpan.FromSeconds(15);

    private readonly PostgresDialect _dialect;
    private readonly StoreChanges _changes;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _loop;
    private readonly Timer _external;
    private int _externalPending;
    private long _reconnects;

    public PostgresChangeListener(PostgresDialect dialect, StoreChanges changes)
    {
        _dialect = dialect;
        _changes = changes;
        _external = new Timer(_ => FlushExternal(), null, Timeout.Infinite, Timeout.Infinite);
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Completes once the first LISTEN is in place (a commit after it is heard).</summary>
    public Task Listening => _listening.Task;

    /// <summary>How often the LISTEN connection was lost and made again.</summary>
    public long Reconnects => Interlocked.Read(ref _reconnects);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        await _external.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        var backOff = FirstBackOff;
        var lost = false;
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _dialect.DataSource.OpenConnectionAsync(_stop.Token).ConfigureAwait(false);
                connection.Notification += (_, e) => Heard(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Postgres.PostgresSchema.ChangesChannel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(_stop.Token).ConfigureAwait(false);
                }

                _listening.TrySetResult();
                backOff = FirstBackOff;
                if (lost)
                {
                    // Notices sent while nobody listened are gone: everyone looks again (the state is in the tables).
                    Interlocked.Increment(ref _reconnects);
                    _changes.PublishExternal();
                    lost = false;
                }

                while (true)
                {
                    if (!await connection.WaitAsync(Probe, _stop.Token).ConfigureAwait(false))
                    {
                        await using var ping = new NpgsqlCommand("SELECT 1", connection);
                        await ping.ExecuteNonQueryAsync(_stop.Token).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Any failure of the connection: made again after a pause, never the end of the notices.
            catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
            {
                _dialect.Classify(e); // drops the pool's dead connections when the server went away
                lost = true;
            }

            try
            {
                await Task.Delay(backOff, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            backOff = TimeSpan.FromTicks(Math.Min(backOff.Ticks * 2, LongestBackOff.Ticks));
        }
    }

    private void Heard(string payload)
    {
        if (payload.StartsWith(CommitPayloadPrefix, StringComparison.Ordinal))
        {
            // This node's own commits were told in-process already (the notices of its triggers come here too).
            if (payload.AsSpan(CommitPayloadPrefix.Length).SequenceEqual(_dialect.NodeId))
            {
                return;
            }

            if (Interlocked.Exchange(ref _externalPending, 1) == 0)
            {
                _external.Change(ExternalCoalesce, Timeout.InfiniteTimeSpan);
            }

            return;
        }

        if (Parse(payload) is { } change)
        {
            _changes.Publish([change]);
        }
    }

    private void FlushExternal()
    {
        Interlocked.Exchange(ref _externalPending, 0);
        _changes.PublishExternal();
    }

    /// <summary>A trigger's payload, <c>user:folder</c> or <c>user:</c> (the folder list): see kakunin_changed() in PostgresSchema.</summary>
    internal static StoreChange? Parse(string payload)
    {
        var colon = payload.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !long.TryParse(payload.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var user))
        {
            return null;
        }

        var folder = payload.AsSpan(colon + 1);
        if (folder.IsEmpty)
        {
            return new StoreChange(user, null);
        }

        return long.TryParse(folder, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? new StoreChange(user, id) : null;
    }
}
