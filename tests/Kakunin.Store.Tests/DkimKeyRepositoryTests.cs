using Kakunin.Store.Dkim;

namespace Kakunin.Store.Tests;

public sealed class DkimKeyRepositoryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 5, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_due_next_key_becomes_active_and_retires_only_the_key_of_its_own_algorithm()
    {
        await using var t = await TempStore.OpenAsync();
        var ct = TestContext.Current.CancellationToken;
        await t.Store.DkimKeys.AddAsync(
        [
            new("example.test", "r1", "rsa-sha256", "pem-r1", T0, DkimKeyState.Active),
            new("example.test", "e1", "ed25519-sha256", "pem-e1", T0, DkimKeyState.Active),
            new("other.test", "r1", "rsa-sha256", "pem-o1", T0, DkimKeyState.Active),
            new("example.test", "r2", "rsa-sha256", "pem-r2", T0.AddHours(1), DkimKeyState.PublishedNext, T0.AddDays(3)),
        ], ct);

        Assert.Equal(0, await t.Store.DkimKeys.PromoteDueAsync(T0.AddDays(3).AddTicks(-1), ct)); // not yet
        Assert.Equal(1, await t.Store.DkimKeys.PromoteDueAsync(T0.AddDays(3), ct));

        var keys = (await t.Store.DkimKeys.ListAsync("example.test", ct)).ToDictionary(k => k.Selector);
        Assert.Equal(DkimKeyState.Retired, keys["r1"].State);
        Assert.Equal(T0.AddDays(3), keys["r1"].RetiredAt);
        Assert.Equal(DkimKeyState.Active, keys["r2"].State);
        Assert.Equal(DkimKeyState.Active, keys["e1"].State); // the Ed25519 key was not replaced
        Assert.Equal(DkimKeyState.Active, (await t.Store.DkimKeys.ListAsync("other.test", ct)).Single().State);
        Assert.Equal("pem-r2", keys["r2"].PrivateKeyPem);
    }

    [Fact]
    public async Task Only_retired_keys_can_be_removed()
    {
        await using var t = await TempStore.OpenAsync();
        var ct = TestContext.Current.CancellationToken;
        await t.Store.DkimKeys.AddAsync(
        [
            new("example.test", "r1", "rsa-sha256", "pem", T0, DkimKeyState.Retired, RetiredAt: T0),
            new("example.test", "r2", "rsa-sha256", "pem", T0, DkimKeyState.Active),
        ], ct);

        Assert.False(await t.Store.DkimKeys.RemoveRetiredAsync("example.test", "r2", ct));
        Assert.True(await t.Store.DkimKeys.RemoveRetiredAsync("Example.TEST", "r1", ct));
        Assert.Equal(["r2"], (await t.Store.DkimKeys.ListAsync("example.test", ct)).Select(k => k.Selector));
    }
}
