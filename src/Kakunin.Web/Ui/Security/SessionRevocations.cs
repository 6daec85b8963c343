using System.Collections.Concurrent;
using System.Security.Claims;
using Kakunin.Store;

namespace Kakunin.Web.Ui.Security;

/// <summary>
/// Which web sessions were revoked on the server: signed-out session ids, and each user's session generation
/// ("sign out everywhere" increments it). A cookie is only as good as this says, so a copied cookie stops working
/// at sign-out.
/// </summary>
/// <remarks>
/// Kept in memory, loaded at start and written through (database first, then memory), so validating a cookie costs no
/// database read. A revocation made by another process (<c>kakunin user password</c> signs the user out everywhere) is
/// read again when the store's writer notices that process's commit (<see cref="ReloadAsync"/>, wired in
/// <c>KakuninServer</c>; within a quarter of a second). It holds one entry per signed-out session for at most the
/// cookie lifetime (8 hours), plus one number per user.
/// </remarks>
public sealed class SessionRevocations
{
    private readonly KakuninStore _store;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _revoked;
    private readonly ConcurrentDictionary<string, long> _generations;

    private SessionRevocations(KakuninStore store, TimeProvider time, IReadOnlyDictionary<string, DateTimeOffset> revoked, IReadOnlyDictionary<string, long> generations)
    {
        (_store, _time) = (store, time);
        _revoked = new ConcurrentDictionary<string, DateTimeOffset>(revoked, StringComparer.Ordinal);
        _generations = new ConcurrentDictionary<string, long>(generations, StringComparer.Ordinal);
    }

    /// <summary>Loads what is in force now from the store.</summary>
    public static async Task<SessionRevocations> LoadAsync(KakuninStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        var (revoked, generations) = await store.Sessions.LoadAsync(time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return new SessionRevocations(store, time, revoked, generations);
    }

    /// <summary>
    /// Reads what is in force from the store again and adds it to memory (another process may have revoked sessions).
    /// Only ever adds: a revocation is never undone, and a generation only grows.
    /// </summary>
    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        var (revoked, generations) = await _store.Sessions.LoadAsync(_time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        foreach (var (id, until) in revoked)
        {
            _revoked.AddOrUpdate(id, until, (_, old) => old > until ? old : until);
        }

        foreach (var (address, generation) in generations)
        {
            _generations.AddOrUpdate(address, generation, (_, old) => Math.Max(old, generation));
        }
    }

    /// <summary>The generation a session signing in now gets.</summary>
    public long GenerationOf(string address) => _generations.TryGetValue(address, out var generation) ? generation : 0;

    /// <summary>
    /// Whether a cookie's session still counts: it has a session id (cookies from before revocation existed do not,
    /// and are refused once), that id is not signed out, and it signed in under the user's current generation.
    /// </summary>
    public bool IsValid(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Address() is not { } address || user.SessionId() is not { } id || user.SessionGeneration() is not { } generation)
        {
            return false;
        }

        if (_revoked.TryGetValue(id, out var until))
        {
            if (until > _time.GetUtcNow())
            {
                return false;
            }

            _revoked.TryRemove(id, out _); // Expired: no cookie with this id can be valid any more anyway.
        }

        return generation == GenerationOf(address);
    }

    /// <summary>Revokes the session of <paramref name="user"/> (sign-out) until any copy of its cookie would have expired.</summary>
    public async Task RevokeAsync(ClaimsPrincipal user, TimeSpan cookieLifetime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.SessionId() is not { } id)
        {
            return;
        }

        // With sliding expiry a cookie is renewed up to now + lifetime, and never again once revoked.
        var until = _time.GetUtcNow() + cookieLifetime;
        await _store.Sessions.RevokeAsync(id, until, cancellationToken).ConfigureAwait(false);
        _revoked[id] = until;
    }

    /// <summary>Revokes every session of <paramref name="address"/>, on every device (sign out everywhere).</summary>
    public async Task RevokeAllAsync(string address, CancellationToken cancellationToken)
    {
        var generation = await _store.Sessions.RevokeAllAsync(address, cancellationToken).ConfigureAwait(false);
        _generations.AddOrUpdate(address, generation, (_, old) => Math.Max(old, generation));
    }
}
