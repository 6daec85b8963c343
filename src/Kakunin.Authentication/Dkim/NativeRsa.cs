using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;

namespace Kakunin.Authentication.Dkim;

/// <summary>
/// RSASSA-PKCS1-v1_5 with SHA-256 (RFC 8017 §8.2.2, the DKIM rsa-sha256 of RFC 6376 §3.3) through .NET's
/// <see cref="RSA"/> (OpenSSL on Linux) for a public key that MimeKit's locator parsed into BouncyCastle form.
/// The .NET key is made once per parsed key and lives as long as that key object (the locator's cache).
/// </summary>
internal static class NativeRsa
{
    private static readonly ConditionalWeakTable<RsaKeyParameters, RSA> Keys = new();

    public static bool VerifySha256(RsaKeyParameters key, byte[] hash, byte[] signature)
    {
        var rsa = Keys.GetValue(key, Import);
        var size = (rsa.KeySize + 7) / 8;
        // BouncyCastle reads the signature as an integer, so one with its leading zero octets dropped still
        // verifies there; OpenSSL wants exactly k octets (RFC 8017 §8.2.2 step 1). Put the zeros back.
        if (signature.Length < size)
        {
            var padded = new byte[size];
            signature.CopyTo(padded, size - signature.Length);
            signature = padded;
        }
        return rsa.VerifyHash(hash, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    private static RSA Import(RsaKeyParameters key)
    {
        var rsa = RSA.Create();
        rsa.ImportParameters(new RSAParameters { Modulus = key.Modulus.ToByteArrayUnsigned(), Exponent = key.Exponent.ToByteArrayUnsigned() });
        return rsa;
    }
}
