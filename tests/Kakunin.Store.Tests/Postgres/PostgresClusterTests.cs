using System.Net.Sockets;
using Npgsql;

namespace Kakunin.Store.Tests.Postgres;

/// <summary>The private cluster itself: up, durable commits, loopback only, gone after dispose.</summary>
public sealed class PostgresClusterTests
{
    [Fact]
    public async Task A_started_cluster_commits_durably_listens_on_loopback_only_and_is_gone_after_dispose()
    {
        var ct = TestContext.Current.CancellationToken;
        var cluster = await PostgresCluster.StartAsync(ct);
        var folder = cluster.Folder;
        var port = cluster.Port;
        await using (cluster)
        {
            await using var connection = new NpgsqlConnection(cluster.ConnectionString());
            await connection.OpenAsync(ct);

            // A 250 may follow a commit only if the commit waited for its WAL to reach the disk.
            Assert.Equal("on", await ShowAsync(connection, "synchronous_commit", ct));
            Assert.Equal("on", await ShowAsync(connection, "fsync", ct));
            Assert.Equal("127.0.0.1", await ShowAsync(connection, "listen_addresses", ct));
            Assert.Equal(cluster.SocketFolder, await ShowAsync(connection, "unix_socket_directories", ct));
            Assert.Equal(cluster.DataFolder, await ShowAsync(connection, "data_directory", ct));
            Assert.True(File.Exists(Path.Combine(cluster.SocketFolder, $".s.PGSQL.{port}")), "the unix socket is in the cluster's own folder");

            // A wrong password is refused: the cluster trusts nobody, not even on loopback.
            var wrong = new NpgsqlConnectionStringBuilder(cluster.ConnectionString()) { Password = "not-the-password" };
            await using var refused = new NpgsqlConnection(wrong.ToString());
            await Assert.ThrowsAsync<PostgresException>(() => refused.OpenAsync(ct));
        }

        Assert.False(Directory.Exists(folder), "the cluster's folder is deleted on dispose");
        using var probe = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(() => probe.ConnectAsync("127.0.0.1", port, ct).AsTask());
    }

    private static async Task<string> ShowAsync(NpgsqlConnection connection, string setting, CancellationToken ct)
    {
        // SHOW takes no parameters; the names are this test's constants.
        await using var command = new NpgsqlCommand("SHOW " + setting, connection);
        return (string)(await command.ExecuteScalarAsync(ct))!;
    }
}
