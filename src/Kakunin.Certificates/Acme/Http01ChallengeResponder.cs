using System.Collections.Concurrent;

namespace Kakunin.Certificates.Acme;

/// <summary>
/// HTTP-01 (RFC 8555 §8.3): while a challenge is open, GET /.well-known/acme-challenge/{token} on the HTTP listener
/// answers the key authorization. Nothing else is ever served from that path.
/// </summary>
public sealed class Http01ChallengeResponder
{
    /// <summary>The path prefix of RFC 8555 §8.3 (and RFC 8615 well-known URIs).</summary>
    public const string PathPrefix = "/.well-known/acme-challenge/";

    private readonly ConcurrentDictionary<string, string> _open = new(StringComparer.Ordinal);

    public void Open(string token, string keyAuthorization) => _open[token] = keyAuthorization;

    public void Close(string token) => _open.TryRemove(token, out _);

    /// <summary>The key authorization for <paramref name="token"/> while its challenge is open.</summary>
    public string? Answer(string token) => _open.TryGetValue(token, out var answer) ? answer : null;
}
