using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;

namespace Kakunin.Authentication.Dkim;

/// <summary>
/// A key ready to sign with: the d= domain, the s= selector, the a= algorithm and the parsed private key (and, for
/// RSA, the same key in .NET's RSA, which signs several times faster than BouncyCastle's).
/// </summary>
public sealed record DkimSigningKey(string Domain, string Selector, string Algorithm, AsymmetricKeyParameter PrivateKey)
{
    internal RSA? SystemRsa { get; init; }

    /// <summary>Parses the PKCS#8 PEM once (signing many messages reuses it).</summary>
    public static DkimSigningKey FromPem(string domain, string selector, string algorithm, string pem)
    {
        RSA? rsa = null;
        if (algorithm == DkimAlgorithms.RsaSha256)
        {
            rsa = RSA.Create();
            rsa.ImportFromPem(pem);
        }

        return new(domain, selector, algorithm, DkimKeyMaterial.Load(pem)) { SystemRsa = rsa };
    }
}
