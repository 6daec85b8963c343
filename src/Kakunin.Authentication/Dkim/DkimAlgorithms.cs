using MimeKit.Cryptography;

namespace Kakunin.Authentication.Dkim;

/// <summary>The signing algorithms Kakunin uses, by their a= tag names (RFC 6376 §3.3, RFC 8463 §3).</summary>
public static class DkimAlgorithms
{
    /// <summary>RSA with SHA-256, 2048-bit keys (RFC 6376 §3.3.3 asks verifiers to take 512–2048; RFC 8301 §3.2: at least 1024, 2048 advised).</summary>
    public const string RsaSha256 = "rsa-sha256";

    /// <summary>Ed25519 with SHA-256 (RFC 8463): short keys and signatures; not yet verified everywhere, so it is sent beside RSA.</summary>
    public const string Ed25519Sha256 = "ed25519-sha256";

    /// <summary>Both, in the order their signatures are prepended (the last one ends up on top).</summary>
    public static IReadOnlyList<string> All { get; } = [RsaSha256, Ed25519Sha256];

    /// <summary>The k= tag of the key record (RFC 6376 §3.6.1, RFC 8463 §4).</summary>
    public static string KeyType(string algorithm) => algorithm switch
    {
        RsaSha256 => "rsa",
        Ed25519Sha256 => "ed25519",
        _ => throw new ArgumentException($"unsupported DKIM algorithm '{algorithm}'", nameof(algorithm)),
    };

    internal static DkimSignatureAlgorithm ToMimeKit(string algorithm) => algorithm switch
    {
        RsaSha256 => DkimSignatureAlgorithm.RsaSha256,
        Ed25519Sha256 => DkimSignatureAlgorithm.Ed25519Sha256,
        _ => throw new ArgumentException($"unsupported DKIM algorithm '{algorithm}'", nameof(algorithm)),
    };
}
