using Kakunin.Protocol;
using System.Globalization;
using Kakunin.Authentication.Dkim;
using Kakunin.Store;
using Kakunin.Store.Dkim;

namespace Kakunin.Queue.Dkim;

/// <summary>
/// Creating DKIM keys: a domain's first keys (with the domain, or at the first start for domains from before), and
/// the next keys of a rotation, published first and used from their activation time on (docs/authentication.md).
/// </summary>
public static class DkimKeyProvisioning
{
    /// <summary>How long the next keys are published before they sign, unless told otherwise: long enough for every
    /// resolver's cache (TTLs of a day are common) and for an administrator to publish the record.</summary>
    public static readonly TimeSpan DefaultRotationDelay = TimeSpan.FromDays(3);

    /// <summary>Gives every local domain without an active key of each algorithm one. Returns the keys made.</summary>
    public static async Task<IReadOnlyList<DkimKeyRecord>> EnsureAllAsync(KakuninStore store, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var domains = await store.Directory.ListDomainsAsync(cancellationToken).ConfigureAwait(false);
        var existing = await store.DkimKeys.ListAsync(null, cancellationToken).ConfigureAwait(false);
        var made = new List<DkimKeyRecord>();
        foreach (var domain in domains)
        {
            var mine = existing.Where(k => k.Domain == domain).ToList();
            foreach (var algorithm in DkimAlgorithms.All)
            {
                if (!mine.Any(k => k.Algorithm == algorithm && k.State == DkimKeyState.Active))
                {
                    var key = NewKey(domain, algorithm, now, DkimKeyState.Active, null, [.. mine, .. made]);
                    made.Add(key);
                }
            }
        }

        if (made.Count > 0)
        {
            await store.DkimKeys.AddAsync(made, cancellationToken).ConfigureAwait(false);
        }

        return made;
    }

    /// <summary>
    /// Adds the next keys of <paramref name="domain"/> (one per algorithm) as published-next, active from
    /// <paramref name="now"/> + <paramref name="delay"/>; with a zero delay they take over at once. Returns them.
    /// </summary>
    public static async Task<IReadOnlyList<DkimKeyRecord>> RotateAsync(KakuninStore store, string domain, DateTimeOffset now, TimeSpan delay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var name = DomainNames.Canonical(domain);
        var existing = await store.DkimKeys.ListAsync(name, cancellationToken).ConfigureAwait(false);
        var next = new List<DkimKeyRecord>();
        foreach (var algorithm in DkimAlgorithms.All)
        {
            next.Add(NewKey(name, algorithm, now, DkimKeyState.PublishedNext, now + delay, [.. existing, .. next]));
        }

        await store.DkimKeys.AddAsync(next, cancellationToken).ConfigureAwait(false);
        if (delay <= TimeSpan.Zero)
        {
            await store.DkimKeys.PromoteDueAsync(now, cancellationToken).ConfigureAwait(false);
        }

        return next;
    }

    /// <summary>
    /// A selector names the algorithm and the day the key was made (RFC 6376 §3.1: selectors let a domain hold several
    /// keys; a new one per rotation keeps the old one verifiable): <c>r20261205</c> for RSA, <c>e20261205</c> for
    /// Ed25519, with <c>-2</c>, <c>-3</c>… for more the same day.
    /// </summary>
    internal static string Selector(string algorithm, DateTimeOffset now, IEnumerable<string> taken)
    {
        var stem = (algorithm == DkimAlgorithms.Ed25519Sha256 ? "e" : "r") + now.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var used = taken.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var selector = stem;
        for (var n = 2; used.Contains(selector); n++)
        {
            selector = $"{stem}-{n.ToString(CultureInfo.InvariantCulture)}";
        }

        return selector;
    }

    private static DkimKeyRecord NewKey(string domain, string algorithm, DateTimeOffset now, DkimKeyState state, DateTimeOffset? activateAt, IEnumerable<DkimKeyRecord> taken) =>
        new(domain, Selector(algorithm, now, taken.Where(k => k.Domain == domain).Select(k => k.Selector)), algorithm, DkimKeyMaterial.Generate(algorithm), now, state, activateAt);
}
