using System.Collections.Frozen;
using Kakunin.Authentication.Dkim;
using Kakunin.Store.Dkim;

namespace Kakunin.Queue.Dkim;

/// <summary>The active signing keys of every domain, parsed once: the snapshot the signer works from.</summary>
internal sealed class DkimKeyring
{
    private readonly FrozenDictionary<string, IReadOnlyList<DkimSigningKey>> _byDomain;

    private DkimKeyring(FrozenDictionary<string, IReadOnlyList<DkimSigningKey>> byDomain)
    {
        _byDomain = byDomain;
        Domains = byDomain.Keys.ToFrozenSet(StringComparer.Ordinal);
    }

    public static DkimKeyring Empty { get; } = new(FrozenDictionary<string, IReadOnlyList<DkimSigningKey>>.Empty);

    public IReadOnlySet<string> Domains { get; }

    /// <summary>The active keys, RSA first, so the Ed25519 signature ends up on top (order of <see cref="DkimAlgorithms.All"/>).</summary>
    public static DkimKeyring From(IEnumerable<DkimKeyRecord> keys) => new(keys
        .Where(k => k.State == DkimKeyState.Active)
        .GroupBy(k => k.Domain, StringComparer.Ordinal)
        .ToFrozenDictionary(
            g => g.Key,
            g => (IReadOnlyList<DkimSigningKey>)[.. g
                .OrderBy(k => Order(k.Algorithm))
                .Select(k => DkimSigningKey.FromPem(k.Domain, k.Selector, k.Algorithm, k.PrivateKeyPem))],
            StringComparer.Ordinal));

    public IReadOnlyList<DkimSigningKey> For(string domain) => _byDomain.TryGetValue(domain, out var keys) ? keys : [];

    private static int Order(string algorithm)
    {
        var i = DkimAlgorithms.All.ToList().IndexOf(algorithm);
        return i < 0 ? int.MaxValue : i;
    }
}
