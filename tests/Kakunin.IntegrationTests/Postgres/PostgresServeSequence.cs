namespace Kakunin.IntegrationTests.Postgres;

/// <summary>
/// The PostgreSQL serve tests run one after another: each starts a cluster and a server, and on a loaded two-core
/// machine three at once did not become healthy within a minute.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PostgresServeSequence
{
    public const string Name = "PostgreSQL serve";
}
