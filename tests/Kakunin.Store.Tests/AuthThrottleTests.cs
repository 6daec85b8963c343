using System.Net;
using Kakunin.Store.Security;
using Microsoft.Extensions.Time.Testing;

namespace Kakunin.Store.Tests;

/// <summary>The shared password-guessing throttle, on a fake clock (docs/security.md).</summary>
public sealed class AuthThrottleTests
{
    private static readonly IPAddress Attacker = IPAddress.Parse("192.0.2.1");
    private static readonly IPAddress Elsewhere = IPAddress.Parse("198.51.100.7");
    private static readonly IPAddress Other = IPAddress.Parse("203.0.113.9");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero));

    private AuthThrottle Create(int account = 5, int address = 8) => new(
        new AuthThrottleOptions
        {
            AccountFailureLimit = account,
            AddressFailureLimit = address,
            FailureWindow = TimeSpan.FromMinutes(15),
            RefusalDuration = TimeSpan.FromMinutes(15),
            FailureDelay = TimeSpan.FromSeconds(2),
            MaxFailureDelay = TimeSpan.FromSeconds(15),
        },
        _time);

    [Fact]
    public void Failures_are_answered_later_and_later_up_to_the_maximum()
    {
        var throttle = Create(account: 100, address: 100);
        var delays = Enumerable.Range(0, 6).Select(_ => throttle.RecordFailure("alice@example.test", Attacker).Delay.TotalSeconds).ToArray();
        Assert.Equal([2, 4, 8, 15, 15, 15], delays); // Dovecot auth penalty: doubling, capped
    }

    [Fact]
    public void An_account_over_its_limit_is_refused_from_every_address_until_the_refusal_ends()
    {
        var throttle = Create();
        for (var i = 1; i < 5; i++)
        {
            Assert.False(throttle.RecordFailure("alice@example.test", Attacker).NowRefused);
            Assert.False(throttle.Check("alice@example.test", Attacker).IsRefused);
        }

        Assert.True(throttle.RecordFailure("ALICE@example.test", Attacker).NowRefused); // the account name is normalised
        var verdict = throttle.Check("alice@example.test", Elsewhere);
        Assert.Equal(AuthRefusal.Account, verdict.Refusal);
        Assert.Equal(TimeSpan.FromMinutes(15), verdict.RetryAfter);
        Assert.False(throttle.Check("bob@example.test", Elsewhere).IsRefused); // another account is not

        _time.Advance(TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(1));
        Assert.True(throttle.Check("alice@example.test", Other).IsRefused);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(throttle.Check("alice@example.test", Other).IsRefused);
    }

    [Fact]
    public void An_address_guessing_many_accounts_is_refused_for_all_of_them_but_others_are_not()
    {
        var throttle = Create();
        for (var i = 0; i < 8; i++)
        {
            throttle.RecordFailure($"user{i}@example.test", Attacker); // password spraying: one guess per account
        }

        Assert.Equal(AuthRefusal.Address, throttle.Check("someone@example.test", Attacker).Refusal);
        Assert.False(throttle.Check("someone@example.test", Elsewhere).IsRefused);
    }

    [Fact]
    public void Success_clears_the_accounts_count_but_not_the_addresses()
    {
        var throttle = Create();
        for (var i = 0; i < 4; i++)
        {
            throttle.RecordFailure("alice@example.test", Attacker);
        }

        throttle.RecordSuccess("alice@example.test");
        Assert.False(throttle.RecordFailure("alice@example.test", Elsewhere).NowRefused); // count started again

        // The address keeps its count: a valid account of its own would otherwise reset guessing at others.
        for (var i = 0; i < 3; i++)
        {
            throttle.RecordFailure("bob@example.test", Attacker);
        }

        throttle.RecordSuccess("mallory@example.test");
        Assert.True(throttle.RecordFailure("carol@example.test", Attacker).NowRefused); // 4 + 3 + 1 = 8 from Attacker
    }

    [Fact]
    public void Failures_older_than_the_window_no_longer_count()
    {
        var throttle = Create();
        for (var i = 0; i < 4; i++)
        {
            throttle.RecordFailure("alice@example.test", Attacker);
        }

        _time.Advance(TimeSpan.FromMinutes(15));
        var failure = throttle.RecordFailure("alice@example.test", Attacker);
        Assert.Equal(1, failure.Failures);
        Assert.False(failure.NowRefused);
    }

    [Fact]
    public void Ipv6_is_counted_per_64_and_mapped_ipv4_as_ipv4()
    {
        Assert.Equal(AuthThrottle.AddressKey(IPAddress.Parse("2001:db8:1:2::1")), AuthThrottle.AddressKey(IPAddress.Parse("2001:db8:1:2:ffff::9")));
        Assert.NotEqual(AuthThrottle.AddressKey(IPAddress.Parse("2001:db8:1:2::1")), AuthThrottle.AddressKey(IPAddress.Parse("2001:db8:1:3::1")));
        Assert.Equal("192.0.2.1", AuthThrottle.AddressKey(IPAddress.Parse("::ffff:192.0.2.1")));

        var throttle = Create(account: 100, address: 2);
        throttle.RecordFailure("a@example.test", IPAddress.Parse("2001:db8:1:2::1"));
        throttle.RecordFailure("b@example.test", IPAddress.Parse("2001:db8:1:2::2"));
        Assert.True(throttle.Check("c@example.test", IPAddress.Parse("2001:db8:1:2::3")).IsRefused);
    }

    [Fact]
    public void Memory_is_bounded_and_expired_entries_make_room()
    {
        var throttle = new AuthThrottle(new AuthThrottleOptions { AccountFailureLimit = 1, AddressFailureLimit = 1000, MaxTrackedKeys = 2 }, _time);
        throttle.RecordFailure("a@example.test", Attacker);
        throttle.RecordFailure("b@example.test", Attacker);
        // The account table is full of live entries: c is not tracked (its one failure would otherwise refuse it).
        Assert.False(throttle.RecordFailure("c@example.test", Elsewhere).NowRefused);
        Assert.False(throttle.Check("c@example.test", Other).IsRefused);

        _time.Advance(TimeSpan.FromMinutes(16)); // a and b's refusals and windows are over: pruned when room is needed
        Assert.True(throttle.RecordFailure("c@example.test", Other).NowRefused);
    }
}
