using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Kakunin.Web.Pages.Settings;

/// <summary>
/// Where a newly created API token's text waits, in this process's memory only, between the POST that made it and the
/// GET it redirects to (Post/Redirect/Get): the GET takes it out, so it is shown once, and reloading that page neither
/// shows it again nor creates another token. A slot belongs to one user and lasts <see cref="Lifetime"/>; the text is
/// never written to the store, a cookie or a log (only its hash is stored, by ApiTokenRepository).
/// </summary>
public sealed class CreatedTokenSlots(TimeProvider time)
{
    /// <summary>How long a slot waits for its GET.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, (string User, string Token, DateTimeOffset Until)> _slots = new(StringComparer.Ordinal);

    /// <summary>Keeps <paramref name="token"/> for <paramref name="user"/>; returns the slot's name for the redirect (random, 128 bits).</summary>
    public string Put(string user, string token)
    {
        var now = time.GetUtcNow();
        foreach (var stale in _slots.Where(s => s.Value.Until <= now).Select(s => s.Key).ToList())
        {
            _slots.TryRemove(stale, out _);
        }

        var slot = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        _slots[slot] = (user, token, now + Lifetime);
        return slot;
    }

    /// <summary>Takes the token out of <paramref name="slot"/> if it is <paramref name="user"/>'s and still fresh; null otherwise (also the second time).</summary>
    public string? Take(string user, string? slot)
    {
        if (string.IsNullOrEmpty(slot) || !_slots.TryRemove(slot, out var held))
        {
            return null;
        }

        if (!string.Equals(held.User, user, StringComparison.Ordinal) || held.Until <= time.GetUtcNow())
        {
            return null; // another user's slot is gone too: a guessed or leaked slot name is worth one try at most
        }

        return held.Token;
    }
}
