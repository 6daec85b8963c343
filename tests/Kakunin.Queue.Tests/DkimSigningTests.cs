using System.Text;
using Kakunin.Queue.Dkim;
using Kakunin.Store.Dkim;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kakunin.Queue.Tests;

/// <summary>Keys made per domain, rotation by time, and which domain signs what (the real store, a fake clock).</summary>
public sealed class DkimSigningTests
{
    [Fact]
    public async Task Every_domain_gets_one_key_per_algorithm_once_named_by_algorithm_and_day()
    {
        await using var f = await QueueFixture.CreateAsync();
        var made = await DkimKeyProvisioning.EnsureAllAsync(f.Store, QueueFixture.Start, default);

        Assert.Equal(["e20250301", "r20250301"], made.Select(k => k.Selector).Order(StringComparer.Ordinal));
        Assert.All(made, k => Assert.Equal(("example.com", DkimKeyState.Active), (k.Domain, k.State)));
        Assert.Empty(await DkimKeyProvisioning.EnsureAllAsync(f.Store, QueueFixture.Start.AddDays(1), default));
    }

    [Fact]
    public async Task After_a_rotation_the_old_keys_sign_until_the_activation_time_then_the_new_ones()
    {
        await using var f = await QueueFixture.CreateAsync();
        await DkimKeyProvisioning.EnsureAllAsync(f.Store, QueueFixture.Start, default);
        using var signer = new DkimOutboundSigner(f.Store, f.Time, NullLogger<DkimOutboundSigner>.Instance) { Refresh = TimeSpan.Zero };
        var next = await DkimKeyProvisioning.RotateAsync(f.Store, "example.com", f.Time.GetUtcNow(), TimeSpan.FromDays(3), default);
        Assert.Equal(["e20250301-2", "r20250301-2"], next.Select(k => k.Selector).Order(StringComparer.Ordinal));

        var message = QueueFixture.Content("Alice <alice@example.com>", "carol@other.test");
        Assert.Equal(["e20250301", "r20250301"], Selectors(await signer.SignAsync(message, default)));

        f.Time.Advance(TimeSpan.FromDays(3));
        Assert.Equal(["e20250301-2", "r20250301-2"], Selectors(await signer.SignAsync(message, default)));
        var keys = await f.Store.DkimKeys.ListAsync("example.com", default);
        Assert.Equal(2, keys.Count(k => k.State == DkimKeyState.Retired)); // still listed: their records stay published
    }

    [Theory]
    [InlineData("MAILER-DAEMON@mx.example.com", "example.com")] // our DSNs: the host name's parent domain signs
    [InlineData("bob@example.com", "example.com")]
    [InlineData("someone@other.test", null)] // not ours: left unsigned
    public async Task The_from_domain_or_its_local_parent_signs(string from, string? signedBy)
    {
        await using var f = await QueueFixture.CreateAsync();
        await DkimKeyProvisioning.EnsureAllAsync(f.Store, QueueFixture.Start, default);
        using var signer = new DkimOutboundSigner(f.Store, f.Time, NullLogger<DkimOutboundSigner>.Instance);
        var message = QueueFixture.Content(from, "carol@other.test");

        var signed = await signer.SignAsync(message, default);

        if (signedBy is null)
        {
            Assert.Same(message, signed);
        }
        else
        {
            var text = Encoding.ASCII.GetString(signed);
            Assert.Equal(2, text.Split("DKIM-Signature:").Length - 1);
            Assert.Contains($"d={signedBy};", text, StringComparison.Ordinal);
        }
    }

    private static string[] Selectors(byte[] signed) =>
        [.. System.Text.RegularExpressions.Regex.Matches(Encoding.ASCII.GetString(signed), @"\bs=([a-z0-9-]+);").Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal)];
}
