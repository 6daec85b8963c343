using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;

namespace Kakunin.Authentication.Tests.Dkim;

/// <summary>A key locator over TXT record values in memory (the DNS part is tested with NSD in the integration tests).</summary>
internal sealed class RecordKeyLocator(Dictionary<string, string> records) : DkimPublicKeyLocatorBase
{
    public override AsymmetricKeyParameter LocatePublicKey(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
        GetPublicKey(records[$"{selector}._domainkey.{domain}"]);

    public override Task<AsymmetricKeyParameter> LocatePublicKeyAsync(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
        Task.FromResult(LocatePublicKey(methods, domain, selector, cancellationToken));
}
