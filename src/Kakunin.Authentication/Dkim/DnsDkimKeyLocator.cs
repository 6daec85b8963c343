using System.Collections.Concurrent;
using Kakunin.Authentication.Dns;
using MimeKit;
using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;

namespace Kakunin.Authentication.Dkim;

/// <summary>
/// MimeKit's public-key locator over <see cref="IAuthDns"/>: the TXT record at selector._domainkey.domain (RFC 6376
/// §3.6.2.1), parsed by MimeKit (rsa and ed25519 keys, RFC 8463). A DNS failure throws a temporary
/// <see cref="DkimKeyException"/>, a missing or unparsable record a permanent one. Parsed keys are kept by record
/// text, so the DNS cache's TTL still decides how long a key lives.
/// </summary>
public sealed class DnsDkimKeyLocator : DkimPublicKeyLocatorBase
{
    private const int MaxParsedKeys = 1024;
    private readonly IAuthDns _dns;
    private readonly ConcurrentDictionary<string, AsymmetricKeyParameter> _parsed = new(StringComparer.Ordinal);

    public DnsDkimKeyLocator(IAuthDns dns)
    {
        ArgumentNullException.ThrowIfNull(dns);
        _dns = dns;
    }

    public override AsymmetricKeyParameter LocatePublicKey(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
        LocatePublicKeyAsync(methods, domain, selector, cancellationToken).GetAwaiter().GetResult();

    public override async Task<AsymmetricKeyParameter> LocatePublicKeyAsync(string methods, string domain, string selector, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(domain);
        ArgumentNullException.ThrowIfNull(selector);
        // RFC 6376 §3.5 q=: "dns/txt" is the only query method defined.
        if (methods is not null && !methods.Split(':').Any(m => m.Trim().Equals("dns/txt", StringComparison.OrdinalIgnoreCase)))
            throw new DkimKeyException($"no supported key query method in q={methods}", temporary: false);

        var name = $"{selector}._domainkey.{domain}".TrimEnd('.');
        var answer = await _dns.TxtAsync(name, cancellationToken).ConfigureAwait(false);
        if (answer.Status == DnsStatus.TempError) throw new DkimKeyException($"DNS failure looking up {name}", temporary: true);
        // RFC 6376 §6.1.2: no key record is PERMFAIL. Several TXT records: "the results are undefined" (§3.6.2.2); the first is used.
        if (answer.Records.Count == 0) throw new DkimKeyException($"no key record at {name}", temporary: false);
        var txt = answer.Records[0];
        if (_parsed.TryGetValue(txt, out var key)) return key;
        try
        {
            key = GetPublicKey(txt);
        }
        catch (Exception e) when (e is ParseException or FormatException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            throw new DkimKeyException($"the key record at {name} cannot be used: {e.Message}", temporary: false, e);
        }

        if (_parsed.Count >= MaxParsedKeys) _parsed.Clear();
        _parsed[txt] = key;
        return key;
    }
}
