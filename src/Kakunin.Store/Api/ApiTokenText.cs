using System.Security.Cryptography;
using System.Text;

namespace Kakunin.Store.Api;

/// <summary>
/// The text of an API token: <c>kk_</c> and 32 random bytes in base64url (RFC 4648 §5, no padding), 256 bits, so
/// a fast hash is enough to store it (nothing to guess; unlike a password there is no dictionary to try). Only
/// <see cref="Hash"/> is kept; a leaked database lets nobody call the API.
/// </summary>
public static class ApiTokenText
{
    public const string Scheme = "kk_";

    /// <summary>How many characters of the token (the scheme included) lists show.</summary>
    public const int PrefixLength = 11;

    /// <summary>A new token text; shown once and never stored.</summary>
    public static string New() => Scheme + Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>SHA-256 of the token's UTF-8 text, lower-case hex: the stored form and the lookup key.</summary>
    public static string Hash(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }

    /// <summary>The part of the token lists show.</summary>
    public static string PrefixOf(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return token.Length <= PrefixLength ? token : token[..PrefixLength];
    }

    /// <summary>Whether <paramref name="text"/> has the form of a token (cheap check before any lookup).</summary>
    public static bool LooksLikeToken(string? text) =>
        text is { Length: 46 } && text.StartsWith(Scheme, StringComparison.Ordinal) && text.AsSpan(Scheme.Length).ContainsAnyExcept(Base64UrlAlphabet) is false;

    private static readonly System.Buffers.SearchValues<char> Base64UrlAlphabet =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
