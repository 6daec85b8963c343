using System.Data.Common;
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

    internal StoreTransaction(DbConnection connection, DbTransaction transaction, Dictionary<string, CachedCommand>? commands = null)
    {
        Connection = connection;
        Transaction = transaction;
        _commands = commands;
    }

    internal DbConnection Connection { get; }

    /// <summary>The SQL text that differs between the databases (SQLite's in migrations).</summary>
    internal Dialects.IStoreDialect Dialect { get; init; } = Dialects.SqliteDialect.Text;

    /// <summary>Where a read inside this transaction reports damaged bytes it found (null in migrations).</summary>
    internal StoreIntegrity? Integrity { get; init; }

    internal DbTransaction Transaction { get; }

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

    internal DbCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        // The writer keeps one prepared command per SQL text for the life of its connection: SQLite then
        // parses and plans each INSERT/UPDATE once instead of once per message. A command still in use
        // (same SQL nested inside its own reader loop) falls back to a fresh one.
        if (_commands is not null)
        {
            if (!_commands.TryGetValue(sql, out var cached))
            {
                cached = new CachedCommand(Sql.Command(Connection, sql));
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
