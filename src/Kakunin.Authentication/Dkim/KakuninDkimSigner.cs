using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;

namespace Kakunin.Authentication.Dkim;

/// <summary>MimeKit's DKIM signer (headers, canonicalization, tags), with RSA signatures made by .NET (<see cref="SystemRsaSha256Signer"/>).</summary>
internal sealed class KakuninDkimSigner(DkimSigningKey key)
    : DkimSigner(key.PrivateKey, key.Domain, key.Selector, DkimAlgorithms.ToMimeKit(key.Algorithm))
{
    protected override ISigner CreateSigningContext() =>
        key.SystemRsa is { } rsa && SignatureAlgorithm == DkimSignatureAlgorithm.RsaSha256 ? new SystemRsaSha256Signer(rsa) : base.CreateSigningContext();
}
