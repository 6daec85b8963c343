using System.Collections.Concurrent;
using System.Formats.Asn1;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Kakunin.Certificates.Store;

namespace Kakunin.Certificates.Acme;

/// <summary>
/// TLS-ALPN-01 (RFC 8737): while a challenge for a name is open, a TLS handshake for that name that offers the
/// "acme-tls/1" protocol gets a self-signed certificate carrying the key authorization's digest, and nothing else.
/// Kestrel listeners use it through <c>CertificateTlsListenOptions</c> (Tls/).
/// </summary>
public sealed class TlsAlpn01ChallengeResponder
{
    /// <summary>RFC 8737 §6.2: the ALPN protocol ID the authority offers, alone.</summary>
    public static readonly SslApplicationProtocol AcmeTlsProtocol = new("acme-tls/1");

    /// <summary>RFC 8737 §6.1: id-pe-acmeIdentifier (1.3.6.1.5.5.7.1.31).</summary>
    public const string AcmeIdentifierOid = "1.3.6.1.5.5.7.1.31";

    private readonly ConcurrentDictionary<string, X509Certificate2> _open = new(StringComparer.Ordinal);

    /// <summary>Whether any challenge is open (a listener can skip reading the ClientHello otherwise).</summary>
    public bool AnyOpen => !_open.IsEmpty;

    public void Open(string name, string keyAuthorization, DateTimeOffset now) =>
        _open[HostNameMatch.Normalize(name)] = CreateCertificate(name, keyAuthorization, now);

    public void Close(string name)
    {
        if (_open.TryRemove(HostNameMatch.Normalize(name), out var certificate))
        {
            certificate.Dispose();
        }
    }

    /// <summary>The challenge certificate for the name the authority asked for, while its challenge is open.</summary>
    public X509Certificate2? CertificateFor(string? serverName) =>
        serverName is not null && _open.TryGetValue(HostNameMatch.Normalize(serverName), out var certificate) ? certificate : null;

    /// <summary>
    /// RFC 8737 §3: self-signed; subjectAltName with exactly one dNSName, the name being validated; a critical
    /// acmeIdentifier extension whose value is the DER OCTET STRING of SHA-256(key authorization).
    /// </summary>
    public static X509Certificate2 CreateCertificate(string name, string keyAuthorization, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={HostNameMatch.Normalize(name)}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(HostNameMatch.Normalize(name));
        request.CertificateExtensions.Add(names.Build());
        var value = new AsnWriter(AsnEncodingRules.DER);
        value.WriteOctetString(SHA256.HashData(Encoding.UTF8.GetBytes(keyAuthorization)));
        request.CertificateExtensions.Add(new X509Extension(AcmeIdentifierOid, value.Encode(), critical: true));
        return request.CreateSelfSigned(now.AddDays(-1), now.AddDays(7));
    }
}
