using Microsoft.Data.Sqlite;
using Kakunin.Store.Integrity;

namespace Kakunin.Store;

/// <summary>
/// One write transaction of the single store writer (<see cref="StoreWriter"/>). Repository methods that take
/// a <see cref="StoreTransaction"/> run inside it, so several changes (a queue row, a Sent copy, a tracking
/// record; a mailbox insert, a state change, a DSN) commit together or not at all.
/// </summary>
public sealed class StoreTransaction
{
    private readonly Dictionary<string, CachedCommand>? _commands;

    internal StoreTransaction(SqliteConnection connection, SqliteTransaction transaction, Dictionary<string, CachedCommand>? commands = null)
    {
        Connection = connection;
        Transaction = transaction;
        _commands = commands;
    }

    internal SqliteConnection Connection { get; }

    /// <summary>Where a read inside this transaction reports damaged bytes it found (null in migrations).</summary>
    internal StoreIntegrity? Integrity { get; init; }

    internal SqliteTransaction Transaction { get; }

    /// <summary>
    /// Runs <paramref name="work"/> inside a savepoint of this transaction: when it throws, what it wrote is rolled back
    /// and the exception returned, while the rest of the unit goes on to commit. For optional work that must not cost
    /// the unit it rides on (delivering local mail in the acceptance commit: docs/queue.md).
    /// </summary>
    public Exception? TryPart(Action<StoreTransaction> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        Transaction.Save("part");
        try
        {
            work(this);
            Transaction.Release("part");
            return null;
        }
#pragma warning disable CA1031 // The caller decides what the failure means; the unit itself must survive it.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Transaction.Rollback("part");
            Transaction.Release("part");
            return e;
        }
    }

    internal SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        // The writer keeps one prepared command per SQL text for the life of its connection: SQLite then
        // parses and plans each INSERT/UPDATE once instead of once per message. A command still in use
        // (same SQL nested inside its own reader loop) falls back to a fresh one.
        if (_commands is not null)
        {
            if (!_commands.TryGetValue(sql, out var cached))
            {
                cached = new CachedCommand(Connection, sql);
                _commands[sql] = cached;
            }

            if (!cached.InUse)
            {
                cached.Rent(Transaction, parameters);
                return cached;
            }
        }

        var command = Sql.Command(Connection, sql, parameters);
        command.Transaction = Transaction;
        return command;
    }

    internal int Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        return command.ExecuteNonQuery();
    }

    internal long? ScalarInt64(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        var value = command.ExecuteScalar();
        return value is null or DBNull ? null : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>
/// A writer command kept prepared between uses: disposing it (as every caller does) only returns it to the
/// cache and drops its parameter values; <see cref="Release"/> really disposes it.
/// </summary>
internal sealed class CachedCommand : SqliteCommand
{
    private bool _released;

    internal CachedCommand(SqliteConnection connection, string sql)
    {
        Connection = connection;
#pragma warning disable CA2100 // Constant SQL from the repositories; values go through parameters.
        CommandText = sql;
#pragma warning restore CA2100
    }

    public bool InUse { get; private set; }

    public void Rent(SqliteTransaction transaction, (string Name, object? Value)[] parameters)
    {
        InUse = true;
        Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
    }

    public void Release()
    {
        _released = true;
        Dispose();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_released)
        {
            InUse = false;
            Parameters.Clear(); // do not keep message bytes alive between uses
            Transaction = null;
            return;
        }

        base.Dispose(disposing);
    }
}
