using Kakunin.Store.Tests.Postgres;

namespace Kakunin.Store.Tests.Providers;

/// <summary>
/// The directory (domains, users, passwords, aliases) through the same repository calls on SQLite and on PostgreSQL:
/// what an administrator sees must not depend on the database.
/// </summary>
public sealed class DirectoryOnBothStoresTests(PostgresClusterFixture fixture) : IClassFixture<PostgresClusterFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(ProviderStore.Sqlite)]
    [InlineData(ProviderStore.Postgres)]
    public async Task Domains_users_and_passwords(string provider)
    {
        await using var t = await ProviderStore.OpenAsync(provider, fixture.Cluster, Ct);
        var directory = t.Store.Directory;

        await directory.AddDomainAsync("Example.TEST", Ct);
        await directory.AddDomainAsync("other.test", Ct);
        var alice = await directory.AddUserAsync("Alice@Example.test", "correct horse", Ct);
        await directory.AddUserAsync("bob@other.test", "battery staple", Ct);

        Assert.Equal(["example.test", "other.test"], await directory.ListDomainsAsync(Ct));
        Assert.True(await directory.IsLocalDomainAsync("EXAMPLE.test", Ct));
        Assert.False(await directory.IsLocalDomainAsync("elsewhere.test", Ct));
        Assert.Equal(["alice@example.test"], (await directory.ListUsersAsync("example.test", Ct)).Select(u => u.Address));
        Assert.Equal(["alice@example.test", "bob@other.test"], (await directory.ListUsersAsync(null, Ct)).Select(u => u.Address));
        Assert.Equal(alice, await directory.FindUserIdAsync("ALICE@example.test", Ct));
        Assert.Equal("alice@example.test", await directory.VerifyPasswordAsync("alice@example.test", "correct horse", Ct));
        Assert.Null(await directory.VerifyPasswordAsync("alice@example.test", "wrong", Ct));

        Assert.True(await directory.SetPasswordAsync("alice@example.test", "new one", Ct));
        Assert.Null(await directory.VerifyPasswordAsync("alice@example.test", "correct horse", Ct));
        Assert.NotNull(await directory.VerifyPasswordAsync("alice@example.test", "new one", Ct));

        Assert.True(await directory.DeleteUserAsync("bob@other.test", Ct));
        Assert.Null(await directory.FindUserIdAsync("bob@other.test", Ct));
        Assert.False(await directory.DeleteUserAsync("bob@other.test", Ct));
    }

    [Theory]
    [InlineData(ProviderStore.Sqlite)]
    [InlineData(ProviderStore.Postgres)]
    public async Task Aliases_forward_to_their_targets_and_a_target_may_send_as_them(string provider)
    {
        await using var t = await ProviderStore.OpenAsync(provider, fixture.Cluster, Ct);
        var directory = t.Store.Directory;
        await directory.AddDomainAsync("example.test", Ct);
        await directory.AddUserAsync("alice@example.test", "pw", Ct);

        await directory.AddAliasAsync("team@example.test", ["alice@example.test", "Carol@Remote.test"], Ct);
        await directory.AddAliasAsync("team@example.test", ["alice@example.test"], Ct); // again: nothing doubles
        await directory.AddAliasAsync("info@example.test", ["alice@example.test"], Ct);

        Assert.Equal(["alice@example.test", "carol@remote.test"], await directory.GetAliasTargetsAsync("TEAM@example.test", Ct));
        Assert.Equal(["info@example.test", "team@example.test"], await directory.GetAliasesOfAsync("alice@example.test", Ct));
        var aliases = await directory.ListAliasesAsync(Ct);
        Assert.Equal(["info@example.test", "team@example.test"], aliases.Select(a => a.Address));
        Assert.Equal(["alice@example.test", "carol@remote.test"], aliases.Single(a => a.Address == "team@example.test").Targets);
        Assert.Empty(await directory.GetAliasTargetsAsync("nobody@example.test", Ct));
    }
}
