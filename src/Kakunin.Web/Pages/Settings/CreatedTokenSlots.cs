using System.Collections.Concurrent;
using System.Security.Cryptography;
using Kakunin.Store;
using Kakunin.Store.Api;
using Microsoft.AspNetCore.DataProtection;

namespace Kakunin.Web.Pages.Settings;

/// <summary>
/// Where a newly created API token's text waits between the POST that made it and the GET it redirects to
/// (Post/Redirect/Get): the GET takes it out, so it is shown once, and reloading that page neither shows it again nor
/// creates another token. A slot belongs to one user and lasts <see cref="Lifetime"/>. On SQLite (one process per data
/// folder) the slot is in this process's memory and the text is never written to the store, a cookie or a log. On
/// PostgreSQL the redirect may reach another node, so the slot is a row (<see cref="CreatedTokenSlotRepository"/>)
/// holding the text encrypted by the webmail's data protection (keys shared by the nodes through the database),
/// deleted by its first read (docs/postgresql.md). Only the token's hash is kept for good (ApiTokenRepository).
/// </summary>
public sealed class CreatedTokenSlots
{
    /// <summary>How long a slot waits for its GET.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly TimeProvider _time;
    private readonly CreatedTokenSlotRepository? _rows;
    private readonly IDataProtector? _protector;
    private readonly ConcurrentDictionary<string, (string User, string Token, DateTimeOffset Until)> _slots = new(StringComparer.Ordinal);

    /// <summary>Slots in this process's memory only (SQLite, and tests of the page's rules).</summary>
    public CreatedTokenSlots(TimeProvider time) => _time = time;

    /// <summary>Slots for a server on <paramref name="store"/>: memory on SQLite, rows shared by every node on PostgreSQL.</summary>
    public CreatedTokenSlots(TimeProvider time, KakuninStore store, IDataProtectionProvider protection)
        : this(time)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(protection);
        if (!store.IsSqlite)
        {
            _rows = new CreatedTokenSlotRepository(store);
            _protector = protection.CreateProtector("Kakunin.CreatedTokenSlot");
        }
    }

    /// <summary>Keeps <paramref name="token"/> for <paramref name="user"/>; returns the slot's name for the redirect (random, 128 bits).</summary>
    public async Task<string> PutAsync(string user, string token, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var slot = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        if (_rows is not null)
        {
            await _rows.PutAsync(slot, user, _protector!.Protect(token), now, now + Lifetime, cancellationToken);
            return slot;
        }

        foreach (var stale in _slots.Where(s => s.Value.Until <= now).Select(s => s.Key).ToList())
        {
            _slots.TryRemove(stale, out _);
        }

        _slots[slot] = (user, token, now + Lifetime);
        return slot;
    }

    /// <summary>Takes the token out of <paramref name="slot"/> if it is <paramref name="user"/>'s and still fresh; null otherwise (also the second time).</summary>
    public async Task<string?> TakeAsync(string user, string? slot, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(slot))
        {
            return null;
        }

        (string User, string Token, DateTimeOffset Until) held;
        if (_rows is not null)
        {
            if (await _rows.TakeAsync(slot, cancellationToken) is not { } row)
            {
                return null;
            }

            held = (row.User, row.ProtectedToken, row.ExpiresAt);
        }
        else if (!_slots.TryRemove(slot, out held))
        {
            return null;
        }

        if (!string.Equals(held.User, user, StringComparison.Ordinal) || held.Until <= _time.GetUtcNow())
        {
            return null; // another user's slot is gone too: a guessed or leaked slot name is worth one try at most
        }

        return _rows is null ? held.Token : _protector!.Unprotect(held.Token);
    }
}
