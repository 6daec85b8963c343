using Microsoft.Data.Sqlite;

namespace Kakunin.Store;

/// <summary>
/// One write transaction of the single store writer (<see cref="StoreWriter"/>). Repository methods that take
/// a <see cref="StoreTransaction"/> run inside it, so several changes (a queue row, a Sent copy, a tracking
/// record; a mailbox insert, a state change, a DSN) commit together or not at all.
/// </summary>
public sealed class StoreTransaction
{
    internal StoreTransaction(SqliteConnection connection, SqliteTransaction transaction)
    {
        Connection = connection;
        Transaction = transaction;
    }

    internal SqliteConnection Connection { get; }

    internal SqliteTransaction Transaction { get; }

    internal SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
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
