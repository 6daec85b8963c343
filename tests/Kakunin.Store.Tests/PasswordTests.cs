namespace Kakunin.Store.Tests;

public sealed class PasswordTests
{
    [Fact]
    public void Hashes_are_salted_PBKDF2_and_verify()
    {
        var a = PasswordHasher.Hash("correct horse", 1000);
        var b = PasswordHasher.Hash("correct horse", 1000);
        Assert.NotEqual(a, b); // per-user salt
        Assert.StartsWith("pbkdf2-sha256$1000$", a, StringComparison.Ordinal);
        Assert.DoesNotContain("correct horse", a, StringComparison.Ordinal);
        Assert.True(PasswordHasher.Verify("correct horse", a));
        Assert.False(PasswordHasher.Verify("correct horsE", a));
        Assert.False(PasswordHasher.Verify("x", "garbage"));
        Assert.Equal(600_000, PasswordHasher.DefaultIterations);
    }

    [Fact]
    public async Task Stored_users_verify_by_address_case_insensitively()
    {
        await using var t = await TempStore.OpenAsync();
        var ct = TestContext.Current.CancellationToken;
        await t.Store.Directory.AddDomainAsync("example.com", ct);
        await t.Store.Directory.AddUserAsync("dan@example.com", "s3cret", ct);
        Assert.Equal("dan@example.com", await t.Store.Directory.VerifyPasswordAsync("DAN@example.com", "s3cret", ct));
        Assert.Null(await t.Store.Directory.VerifyPasswordAsync("dan@example.com", "S3cret", ct));
        Assert.Null(await t.Store.Directory.VerifyPasswordAsync("nobody@example.com", "s3cret", ct));
    }
}
