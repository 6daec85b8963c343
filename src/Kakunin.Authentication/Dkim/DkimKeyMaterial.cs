using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace Kakunin.Authentication.Dkim;

/// <summary>
/// DKIM key pairs: made new (RSA 2048 with .NET's RSA; Ed25519 with BouncyCastle, which MimeKit signs with and .NET
/// lacks), kept as PKCS#8 PEM, and the public half written as the DNS key record's p= value.
/// </summary>
public static class DkimKeyMaterial
{
    public const int RsaBits = 2048;

    /// <summary>A new private key for <paramref name="algorithm"/>, as PKCS#8 PEM.</summary>
    public static string Generate(string algorithm)
    {
        switch (algorithm)
        {
            case DkimAlgorithms.RsaSha256:
                using (var rsa = RSA.Create(RsaBits))
                {
                    return rsa.ExportPkcs8PrivateKeyPem();
                }

            case DkimAlgorithms.Ed25519Sha256:
                var ed = new Ed25519PrivateKeyParameters(new SecureRandom());
                return PemEncoding.WriteString("PRIVATE KEY", PrivateKeyInfoFactory.CreatePrivateKeyInfo(ed).GetEncoded());
            default:
                throw new ArgumentException($"unsupported DKIM algorithm '{algorithm}'", nameof(algorithm));
        }
    }

    /// <summary>The private key for MimeKit's signer.</summary>
    /// <exception cref="FormatException">Not a PKCS#8 PEM private key.</exception>
    public static AsymmetricKeyParameter Load(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        var fields = PemEncoding.Find(pem);
        if (!pem.AsSpan()[fields.Label].SequenceEqual("PRIVATE KEY"))
        {
            throw new FormatException("a DKIM key must be a PKCS#8 PEM private key (-----BEGIN PRIVATE KEY-----)");
        }

        return PrivateKeyFactory.CreateKey(Convert.FromBase64String(pem[fields.Base64Data]));
    }

    /// <summary>
    /// The p= value of the key record: for RSA the DER SubjectPublicKeyInfo in base64 (RFC 6376 §3.6.1, as every
    /// signer publishes it), for Ed25519 the bare 32-octet public key in base64 (RFC 8463 §4.2).
    /// </summary>
    public static string PublicKey(string pem)
    {
        return Load(pem) switch
        {
            RsaPrivateCrtKeyParameters rsa => Convert.ToBase64String(
                SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(new RsaKeyParameters(false, rsa.Modulus, rsa.PublicExponent)).GetEncoded()),
            Ed25519PrivateKeyParameters ed => Convert.ToBase64String(ed.GeneratePublicKey().GetEncoded()),
            var other => throw new FormatException($"unsupported DKIM key type {other.GetType().Name}"),
        };
    }

    /// <summary>The TXT record at SELECTOR._domainkey.DOMAIN: <c>v=DKIM1; k=…; p=…</c> (RFC 6376 §3.6.1).</summary>
    public static string Record(string algorithm, string pem) => $"v=DKIM1; k={DkimAlgorithms.KeyType(algorithm)}; p={PublicKey(pem)}";
}
