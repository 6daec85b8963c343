using Microsoft.Data.Sqlite;

namespace Kakunin.Store.Changes;

/// <summary>
/// Collects, on the writer's thread, the (user, folder) pairs the triggers of migration 10 report through
/// <c>kakunin_changed(user_id, folder_id)</c> while a unit of work runs; what a unit rolled back to its savepoint is
/// dropped, and what the transaction committed is handed to <see cref="StoreChanges"/> after the commit.
/// </summary>
internal sealed class ChangeRecorder
{
    /// <summary>The SQL function the triggers call.</summary>
    public const string SqlFunction = "kakunin_changed";

    private readonly HashSet<StoreChange> _unit = [];
    private readonly HashSet<StoreChange> _batch = [];

    /// <summary>
    /// Makes <c>kakunin_changed</c> callable on <paramref name="connection"/>: recording into <paramref name="recorder"/>,
    /// or doing nothing (read connections and migrations, which have nobody to tell).
    /// </summary>
    public static void Register(SqliteConnection connection, ChangeRecorder? recorder)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (recorder is null)
        {
            connection.CreateFunction<long, long?, long>(SqlFunction, static (_, _) => 0, isDeterministic: false);
        }
        else
        {
            connection.CreateFunction<long, long?, long>(SqlFunction, (user, folder) =>
            {
                recorder._unit.Add(new StoreChange(user, folder));
                return 0;
            }, isDeterministic: false);
        }
    }

    /// <summary>The unit committed to its savepoint: its changes belong to the transaction.</summary>
    public void KeepUnit()
    {
        if (_unit.Count > 0)
        {
            _batch.UnionWith(_unit);
            _unit.Clear();
        }
    }

    /// <summary>The unit was rolled back: nothing it recorded happened.</summary>
    public void DropUnit() => _unit.Clear();

    /// <summary>After the commit: what it changed (empty when nothing), and a clean slate.</summary>
    public StoreChange[] TakeCommitted()
    {
        _unit.Clear();
        if (_batch.Count == 0)
        {
            return [];
        }

        var changes = _batch.ToArray();
        _batch.Clear();
        return changes;
    }

    /// <summary>The commit failed: nothing happened.</summary>
    public void Clear()
    {
        _unit.Clear();
        _batch.Clear();
    }
}

/// <summary>A committed change of a user's mail: in a folder, or of the folder list itself (<paramref name="FolderId"/> null).</summary>
public readonly record struct StoreChange(long UserId, long? FolderId);
