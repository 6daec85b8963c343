using System.Data.Common;

namespace Kakunin.Tests.Data;

/// <summary>
/// <c>AddWithValue</c> for any provider's command: the store hands out System.Data.Common connections (SQLite or
/// PostgreSQL), and a test reading rows with its own SQL names its values the way it did with SQLite's command.
/// </summary>
internal static class DbParameterExtensions
{
    public static DbParameter AddWithValue(this DbParameterCollection parameters, string name, object? value)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var parameter = parameters switch
        {
            Microsoft.Data.Sqlite.SqliteParameterCollection => (DbParameter)new Microsoft.Data.Sqlite.SqliteParameter(),
            Npgsql.NpgsqlParameterCollection => new Npgsql.NpgsqlParameter(),
            _ => throw new NotSupportedException($"no parameter type for {parameters.GetType().Name}"),
        };
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        parameters.Add(parameter);
        return parameter;
    }
}
