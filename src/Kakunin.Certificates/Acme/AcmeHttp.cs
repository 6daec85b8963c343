using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Kakunin.Certificates.Acme;

/// <summary>
/// The HTTP client for the authority: the request timeout, and optionally a private set of trusted roots for the
/// authority's own HTTPS (a test authority like Pebble serves its directory with a certificate from its own root).
/// </summary>
public static class AcmeHttp
{
    public static HttpClient Create(AcmeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        if (!string.IsNullOrWhiteSpace(options.TrustedRootsFile))
        {
            var roots = new X509Certificate2Collection();
            roots.ImportFromPemFile(options.TrustedRootsFile);
            handler.SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, chain, errors) => TrustedBy(roots, certificate, chain, errors),
            };
        }

        return new HttpClient(handler) { Timeout = options.RequestTimeout };
    }

    /// <summary>The name must match as always; only the chain is judged against <paramref name="roots"/> instead of the system's.</summary>
    private static bool TrustedBy(X509Certificate2Collection roots, X509Certificate? certificate, X509Chain? presented, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        return chain.Build(certificate as X509Certificate2 ?? new X509Certificate2(certificate));
    }
}
