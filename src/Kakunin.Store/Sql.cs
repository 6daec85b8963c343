using System.Data.Common;
using System.Globalization;

namespace Kakunin.Store;

/// <summary>Small helpers around ADO.NET (System.Data.Common, so SQLite and PostgreSQL alike): parameterised commands and column readers. SQL text is always constant.</summary>
internal static class Sql
{
    public static DbCommand Command(DbConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
#pragma warning disable CA2100 // Every caller passes a constant SQL string; values go through parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        AddParameters(command, parameters);
        return command;
    }

    /// <summary>Adds each value under its name (<c>@name</c>, which both SQLite and PostgreSQL bind); null becomes SQL NULL.</summary>
    public static void AddParameters(DbCommand command, (string Name, object? Value)[] parameters)
    {
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
    }

    public static long ToUnixMs(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromUnixMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    public static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static long? NullableInt64(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    public static DateTimeOffset? NullableTime(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : FromUnixMs(reader.GetInt64(ordinal));

    public static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
