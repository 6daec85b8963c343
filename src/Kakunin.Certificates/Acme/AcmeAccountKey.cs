using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Kakunin.Certificates.Acme;

/// <summary>
/// The ACME account key: ECDSA P-256 signing with ES256 (RFC 7518 §3.4), its public JWK (RFC 7517) and the JWK
/// thumbprint (RFC 7638) that key authorizations are made from (RFC 8555 §8.1). Kept as PKCS#8 PEM in the data folder.
/// </summary>
public sealed class AcmeAccountKey : IDisposable
{
    private readonly ECDsa _key;

    private AcmeAccountKey(ECDsa key)
    {
        _key = key;
        var parameters = key.ExportParameters(includePrivateParameters: false);
        // RFC 7638 §3.2: the required members only, in lexicographic order, no white space; the same text is the "jwk"
        // header, so what the server hashes and what we hash cannot differ.
        Jwk = $"{{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"{Base64Url.EncodeToString(parameters.Q.X)}\",\"y\":\"{Base64Url.EncodeToString(parameters.Q.Y)}\"}}";
        Thumbprint = Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(Jwk)));
    }

    /// <summary>The public key as a JWK JSON object (RFC 7517 §4, RFC 7518 §6.2.1).</summary>
    public string Jwk { get; }

    /// <summary>base64url(SHA-256(JWK)) (RFC 7638 §3).</summary>
    public string Thumbprint { get; }

    /// <summary>Reads the key from <paramref name="path"/>, or makes a new one and writes it there (owner-only).</summary>
    public static AcmeAccountKey LoadOrCreate(string path)
    {
        var key = ECDsa.Create();
        if (File.Exists(path))
        {
            key.ImportFromPem(File.ReadAllText(path));
            return new AcmeAccountKey(key);
        }

        key.GenerateKey(ECCurve.NamedCurves.nistP256);
        SecretFile.Write(path, key.ExportPkcs8PrivateKeyPem());
        return new AcmeAccountKey(key);
    }

    /// <summary>A new key held only in memory (tests).</summary>
    public static AcmeAccountKey CreateEphemeral()
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return new AcmeAccountKey(key);
    }

    /// <summary>RFC 8555 §8.1: token || '.' || base64url(Thumbprint(accountKey)).</summary>
    public string KeyAuthorization(string token) => token + "." + Thumbprint;

    /// <summary>ES256: the 64-byte R || S signature of RFC 7518 §3.4 (IEEE P1363 form, .NET's default for SignData).</summary>
    public byte[] Sign(ReadOnlySpan<byte> data) => _key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    /// <summary>Checks an ES256 signature (tests).</summary>
    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
        _key.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    public void Dispose() => _key.Dispose();
}
