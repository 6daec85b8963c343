namespace Kakunin.Store.Tests.Postgres;

/// <summary>One private cluster for a test class (initdb takes seconds); each test makes its own database in it.</summary>
public sealed class PostgresClusterFixture : IAsyncLifetime
{
    public PostgresCluster Cluster { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Cluster = await PostgresCluster.StartAsync(TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync() => Cluster.DisposeAsync();
}
