using System.Net;
using Kakunin.Store.Security;
using Kakunin.Store.Tests.Providers;
using Microsoft.Extensions.Time.Testing;

namespace Kakunin.Store.Tests.Postgres;

/// <summary>
/// The sign-in throttle in the database (<see cref="DatabaseAuthThrottle"/>, migration 21; docs/postgresql.md): the same
/// rules as the in-memory <see cref="AuthThrottle"/> on both databases, and on PostgreSQL one count for every node.
/// </summary>
public sealed class SharedAuthThrottleTests(PostgresClusterFixture fixture) : IClassFixture<PostgresClusterFixture>
{
    private static readonly IPAddress Attacker = IPAddress.Parse("192.0.2.1");
    private static readonly IPAddress Elsewhere = IPAddress.Parse("198.51.100.7");
    private static readonly IPAddress Other = IPAddress.Parse("203.0.113.9");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static AuthThrottleOptions Options(int account = 5, int address = 8, int maxKeys = 100_000) => new()
    {
        AccountFailureLimit = account,
        AddressFailureLimit = address,
        FailureWindow = TimeSpan.FromMinutes(15),
        RefusalDuration = TimeSpan.FromMinutes(15),
        FailureDelay = TimeSpan.FromSeconds(2),
        MaxFailureDelay = TimeSpan.FromSeconds(15),
        MaxTrackedKeys = maxKeys,
    };

    private static FakeTimeProvider Clock() => new(new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData(ProviderStore.Sqlite)]
    [InlineData(ProviderStore.Postgres)]
    public async Task The_table_gives_every_answer_the_memory_gives(string provider)
    {
        await using var t = await ProviderStore.OpenAsync(provider, fixture.Cluster, Ct);
        var memoryClock = Clock();
        var tableClock = Clock();
        var memory = await RunScriptAsync(new AuthThrottle(Options(), memoryClock), memoryClock);
        var table = await RunScriptAsync(new DatabaseAuthThrottle(t.Store, Options(), tableClock), tableClock);
        Assert.Equal(memory, table);
        Assert.Contains("check alice@example.test 198.51.100.7: Account 00:15:00", memory); // the script reaches a refusal
    }

    [Fact]
    public async Task Failures_through_one_node_are_counted_by_the_other_and_refuse_on_both()
    {
        await using var nodes = await TwoNodes.OpenAsync(fixture.Cluster, Ct);
        var time = Clock();
        IAuthThrottle a = AuthThrottle.ForStore(nodes.A, Options(), time);
        IAuthThrottle b = AuthThrottle.ForStore(nodes.B, Options(), time);

        // Four wrong passwords for alice, alternating between the nodes: below the limit of 5 on each.
        for (var i = 0; i < 4; i++)
        {
            var failure = await (i % 2 == 0 ? a : b).RecordFailureAsync("alice@example.test", Attacker, Ct);
            Assert.Equal(i + 1, failure.Failures); // each node sees the other's failures in the count
            Assert.False(failure.NowRefused);
        }

        Assert.False((await a.CheckAsync("alice@example.test", Elsewhere, Ct)).IsRefused);
        Assert.True((await b.RecordFailureAsync("alice@example.test", Attacker, Ct)).NowRefused); // the fifth, on B
        Assert.Equal(AuthRefusal.Account, (await a.CheckAsync("alice@example.test", Other, Ct)).Refusal); // refused on A too
        Assert.Equal(TimeSpan.FromMinutes(15), (await b.CheckAsync("alice@example.test", Other, Ct)).RetryAfter);

        // A success on one node clears the account for both; the address keeps its 5 (limit 8).
        await a.RecordSuccessAsync("alice@example.test", Ct);
        Assert.Equal(1, (await b.RecordFailureAsync("alice@example.test", Elsewhere, Ct)).Failures);
        Assert.Equal(6, (await b.RecordFailureAsync("bob@example.test", Attacker, Ct)).Failures);
    }

    [Fact]
    public async Task Failures_at_the_same_moment_on_two_nodes_are_all_counted()
    {
        await using var nodes = await TwoNodes.OpenAsync(fixture.Cluster, Ct);
        var time = Clock();
        var options = Options(account: 1000, address: 1000);
        IAuthThrottle[] throttles = [AuthThrottle.ForStore(nodes.A, options, time), AuthThrottle.ForStore(nodes.B, options, time)];

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(async () => await throttles[i % 2].RecordFailureAsync("alice@example.test", Attacker, Ct), Ct)));

        Assert.Equal(41, (await throttles[0].RecordFailureAsync("alice@example.test", Elsewhere, Ct)).Failures);
    }

    [Fact]
    public async Task The_table_is_bounded_and_expired_rows_are_pruned()
    {
        await using var t = await ProviderStore.OpenAsync(ProviderStore.Postgres, fixture.Cluster, Ct);
        var time = Clock();
        var throttle = new DatabaseAuthThrottle(t.Store, Options(account: 1, address: 1000, maxKeys: 2), time);
        await throttle.RecordFailureAsync("a@example.test", Attacker, Ct);
        await throttle.RecordFailureAsync("b@example.test", Attacker, Ct);
        time.Advance(TimeSpan.FromMinutes(1)); // the next failure counts the table: two accounts, full

        // Full of live rows: c is not tracked (its one failure would otherwise refuse it); a still counts.
        Assert.False((await throttle.RecordFailureAsync("c@example.test", Elsewhere, Ct)).NowRefused);
        Assert.False((await throttle.CheckAsync("c@example.test", Other, Ct)).IsRefused);
        Assert.Equal(2, await CountAsync(t.Store, "account"));

        time.Advance(TimeSpan.FromMinutes(16)); // a and b's refusals and windows are over: deleted, room again
        Assert.True((await throttle.RecordFailureAsync("c@example.test", Other, Ct)).NowRefused);
        Assert.Equal(1, await CountAsync(t.Store, "account"));
    }

    // One script of attempts through the rules; every answer written down, so memory and table can be compared whole.
    private static async Task<List<string>> RunScriptAsync(IAuthThrottle throttle, FakeTimeProvider time)
    {
        var log = new List<string>();
        async Task Fail(string account, IPAddress client)
        {
            var f = await throttle.RecordFailureAsync(account, client, Ct);
            log.Add($"fail {account} {client}: {f.Failures} {f.Delay} {f.NowRefused}");
        }

        async Task Check(string account, IPAddress client)
        {
            var v = await throttle.CheckAsync(account, client, Ct);
            log.Add($"check {account} {client}: {v.Refusal} {v.RetryAfter}");
        }

        for (var i = 0; i < 4; i++)
        {
            await Fail("alice@example.test", Attacker);
            await Check("alice@example.test", Attacker);
        }

        await Fail("ALICE@example.test", Attacker); // the fifth: account refused
        await Check("alice@example.test", Elsewhere);
        await Check("bob@example.test", Elsewhere);
        time.Advance(TimeSpan.FromMinutes(14));
        await Check("alice@example.test", Other);
        for (var i = 0; i < 3; i++)
        {
            await Fail($"user{i}@example.test", Attacker); // spraying: the address reaches 8
        }

        await Check("someone@example.test", Attacker);
        await Check("someone@example.test", Elsewhere);
        time.Advance(TimeSpan.FromMinutes(1));
        await Check("alice@example.test", Other);
        await throttle.RecordSuccessAsync("carol@example.test", Ct);
        await Fail("carol@example.test", Elsewhere);
        await throttle.RecordSuccessAsync("carol@example.test", Ct);
        await Fail("carol@example.test", Elsewhere); // count started again
        time.Advance(TimeSpan.FromMinutes(15));
        await Fail("alice@example.test", Attacker); // window over: 1 again
        await Fail("x@example.test", IPAddress.Parse("2001:db8:1:2::1"));
        await Fail("y@example.test", IPAddress.Parse("2001:db8:1:2::2")); // the same /64
        await Fail("z@example.test", IPAddress.Parse("::ffff:192.0.2.1")); // mapped IPv4 is Attacker
        await Check("z@example.test", null!);
        await Fail("z@example.test", null!);
        return log;
    }

    private static async Task<long> CountAsync(KakuninStore store, string kind)
    {
        await using var connection = await store.OpenReadConnectionAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM auth_failures WHERE kind = '" + kind + "'";
        return Convert.ToInt64(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
    }
}
