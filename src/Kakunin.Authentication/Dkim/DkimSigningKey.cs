using Org.BouncyCastle.Crypto;

namespace Kakunin.Authentication.Dkim;

/// <summary>A key ready to sign with: the d= domain, the s= selector, the a= algorithm and the parsed private key.</summary>
public sealed record DkimSigningKey(string Domain, string Selector, string Algorithm, AsymmetricKeyParameter PrivateKey)
{
    /// <summary>Parses the PKCS#8 PEM once (signing many messages reuses it).</summary>
    public static DkimSigningKey FromPem(string domain, string selector, string algorithm, string pem) =>
        new(domain, selector, algorithm, DkimKeyMaterial.Load(pem));
}
