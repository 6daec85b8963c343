using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Kakunin.Store;

/// <summary>Small helpers around ADO.NET: parameterised commands and column readers. SQL text is always constant.</summary>
internal static class Sql
{
    public static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
#pragma warning disable CA2100 // Every caller passes a constant SQL string; values go through parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    public static long ToUnixMs(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromUnixMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    public static string? NullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static long? NullableInt64(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    public static DateTimeOffset? NullableTime(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : FromUnixMs(reader.GetInt64(ordinal));

    public static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
