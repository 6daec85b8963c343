using System.Security.Cryptography;
using Kakunin.Store;

namespace Kakunin.Web;

/// <summary>
/// The first-run demo: the local domain example.test with users alice and bob, so that a newcomer
/// can send mail between them at once. Nothing is changed when the domain already exists.
/// </summary>
public static class DemoSetup
{
    public const string Domain = "example.test";

    public static readonly string[] Users = ["alice", "bob"];

    /// <summary>Creates the demo domain and users; returns the password used, or null when they already existed.</summary>
    public static async Task<string?> EnsureAsync(KakuninStore store, string? password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (await store.Directory.IsLocalDomainAsync(Domain, cancellationToken))
        {
            return null;
        }

        var secret = string.IsNullOrEmpty(password) ? GeneratePassword() : password;
        await store.Directory.AddDomainAsync(Domain, cancellationToken);
        foreach (var user in Users)
        {
            await store.Directory.AddUserAsync($"{user}@{Domain}", secret, cancellationToken);
        }

        // Alice administers the demo organisation (Settings → Organisation).
        await store.Directory.SetAdminAsync($"alice@{Domain}", true, cancellationToken);

        // RFC 5321 §4.5.1: every domain that accepts mail has a postmaster.
        await store.Directory.AddAliasAsync($"postmaster@{Domain}", [$"alice@{Domain}"], cancellationToken);
        return secret;
    }

    /// <summary>16 characters from an alphabet without look-alikes (0/O, 1/l).</summary>
    public static string GeneratePassword() =>
        RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 16);
}
