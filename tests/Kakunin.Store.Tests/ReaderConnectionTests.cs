using Microsoft.Data.Sqlite;

namespace Kakunin.Store.Tests;

public sealed class ReaderConnectionTests
{
    [Fact]
    public async Task A_reader_connection_from_the_pool_keeps_its_settings_and_does_not_run_them_again()
    {
        // PRAGMAs belong to SQLite's handle, which the pool keeps: they are run when a handle is first opened, not at
        // every lookup (two per SMTP message). SQLite's trace hook (on the handle, so it outlives the connection object)
        // sees every statement the next open runs.
        await using var t = await TempStore.OpenAsync();
        var ct = TestContext.Current.CancellationToken;
        var traced = new List<string>();
        await using (var first = (SqliteConnection)await t.Store.OpenReadConnectionAsync(ct))
        {
            SQLitePCL.raw.sqlite3_trace(first.Handle, (_, statement) => { lock (traced) { traced.Add(statement); } }, null);
        }

        await using var again = (SqliteConnection)await t.Store.OpenReadConnectionAsync(ct);
        Assert.DoesNotContain(traced, s => s.Contains("PRAGMA", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(2L, await ScalarAsync(again, "PRAGMA synchronous", ct)); // FULL
        Assert.Equal(1L, await ScalarAsync(again, "PRAGMA foreign_keys", ct));
        Assert.Equal(5000L, await ScalarAsync(again, "PRAGMA busy_timeout", ct));
        Assert.Contains(traced, s => s.Contains("PRAGMA busy_timeout", StringComparison.Ordinal)); // the hook was on this handle
    }

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql, CancellationToken ct)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }
}
