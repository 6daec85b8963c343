namespace Kakunin.Store.Tests.Postgres;

/// <summary>
/// The writer's commit without an fsync on PostgreSQL (docs/postgresql.md, "Not yet" before): a batch of units that
/// need none (IMAP flags, webhook results, the search index) commits with synchronous_commit off; the next batch that
/// needs its fsync has the server's setting back. Read inside the units, where the batch's setting holds.
/// </summary>
public sealed class RelaxedCommitTests(PostgresClusterFixture fixture) : IClassFixture<PostgresClusterFixture>
{
    private const string Setting = "SELECT CASE current_setting('synchronous_commit') WHEN 'off' THEN 0 ELSE 1 END";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_batch_without_fsync_commits_with_synchronous_commit_off_and_the_next_durable_one_has_it_on_again()
    {
        await using var nodes = await TwoNodes.OpenAsync(fixture.Cluster, Ct);

        Assert.Equal(1, await nodes.A.Writer.WriteAsync(tx => tx.ScalarInt64(Setting), Ct));
        Assert.Equal(0, await nodes.A.Writer.WriteWithoutFsyncAsync(tx => tx.ScalarInt64(Setting), Ct));
        Assert.Equal(1, await nodes.A.Writer.WriteAsync(tx => tx.ScalarInt64(Setting), Ct));
        Assert.Equal(1, await nodes.A.Writer.WriteAsync(tx => tx.ScalarInt64(Setting), Ct));
    }
}
