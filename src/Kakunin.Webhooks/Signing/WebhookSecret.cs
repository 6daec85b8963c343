using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Kakunin.Webhooks.Signing;

/// <summary>
/// An endpoint's signing secret as Standard Webhooks writes it: <c>whsec_</c> and the base64 of the key bytes
/// (standardwebhooks.com, "Symmetric signatures": the key is random, 24 to 64 bytes; the prefix is not part of it).
/// </summary>
public static class WebhookSecret
{
    public const string Prefix = "whsec_";

    /// <summary>Bytes of key a new secret gets: 32 (the spec asks 24 to 64; 32 is HMAC-SHA256's output length).</summary>
    public const int KeyBytes = 32;

    /// <summary>A new random secret, <c>whsec_</c> + base64 of <see cref="KeyBytes"/> bytes from the system's CSPRNG.</summary>
    public static string Create() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes));

    /// <summary>The key bytes of a secret (with or without its prefix); false when the rest is not base64 or is empty.</summary>
    public static bool TryGetKey(string? secret, [NotNullWhen(true)] out byte[]? key)
    {
        key = null;
        if (string.IsNullOrEmpty(secret))
        {
            return false;
        }

        var text = secret.StartsWith(Prefix, StringComparison.Ordinal) ? secret[Prefix.Length..] : secret;
        var buffer = new byte[text.Length];
        if (!Convert.TryFromBase64String(text, buffer, out var written) || written == 0)
        {
            return false;
        }

        key = buffer[..written];
        return true;
    }
}
