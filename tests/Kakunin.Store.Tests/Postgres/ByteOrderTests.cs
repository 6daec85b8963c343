using Kakunin.Store.Contacts;

namespace Kakunin.Store.Tests.Postgres;

/// <summary>
/// Lists come out in the same order from PostgreSQL as from SQLite even when the administrator created the database
/// with a language's collation (migration 23): byte order, which SQLite's BINARY collation uses. Under ICU's English
/// rules "." sorts before "+" and "@" before the digits; in bytes it is "+" (2B), "." (2E), "1" (31), "@" (40).
/// </summary>
public sealed class ByteOrderTests(PostgresClusterFixture fixture) : IClassFixture<PostgresClusterFixture>
{
    private const string Owner = "owner@example.test";
    private static readonly DateTimeOffset At = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    // Given out of order; each pair differs where a locale and bytes disagree.
    private static readonly string[] Locals = ["a@", "a1@", "a.b@", "a+b@", "a_b@", "a-b@"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Users_aliases_and_contacts_list_in_byte_order_in_a_database_made_with_an_English_ICU_locale()
    {
        var connectionString = await fixture.Cluster.CreateDatabaseAsync("icu_en_" + Guid.NewGuid().ToString("N")[..8], "en-US", Ct);
        await using var store = await KakuninStore.OpenAsync(
            Path.Combine(Path.GetTempPath(), "kakunin-icu-" + Guid.NewGuid().ToString("N")), TempStore.Options with { ConnectionString = connectionString }, Ct);
        var users = Locals.Select(l => l + "example.test").ToArray();
        var expected = users.Append(Owner).Order(StringComparer.Ordinal).ToArray();

        await store.Directory.AddDomainAsync("example.test", Ct);
        foreach (var address in users.Append(Owner))
        {
            await store.Directory.AddUserAsync(address, "pw", Ct);
        }

        await store.Directory.AddAliasAsync("team@example.test", users, Ct);
        var book = new ContactBook(store);
        foreach (var local in Locals)
        {
            await book.AddAsync(Owner, local + "remote.test", null, At, Ct);
        }

        Assert.Equal(expected, (await store.Directory.ListUsersAsync(null, Ct)).Select(u => u.Address).ToArray());
        Assert.Equal(users.Order(StringComparer.Ordinal).ToArray(), (await store.Directory.GetAliasTargetsAsync("team@example.test", Ct)).ToArray());
        Assert.Equal(
            Locals.Select(l => l + "remote.test").Order(StringComparer.Ordinal).ToArray(),
            (await book.ListAsync(Owner, null, 50, Ct)).Contacts.Select(c => c.Address).ToArray());
    }
}
