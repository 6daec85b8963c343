using Kakunin.Certificates.Tls;
using Kakunin.Smtp.Server;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Kakunin.Web.Https;

/// <summary>
/// The HTTPS listener of the web host (<see cref="KakuninOptions.HttpsPort"/>): HTTP/1.1 and HTTP/2 (ALPN "h2",
/// RFC 9113 §3.2), with the certificate chosen at every handshake from the same source as SMTP's STARTTLS and implicit
/// TLS, <see cref="SmtpServerOptions.CertificateFor"/>, so one certificate store (and its renewals) serves all.
/// </summary>
public static class HttpsListener
{
    public static ListenOptions UseKakuninHttps(this ListenOptions listenOptions)
    {
        ArgumentNullException.ThrowIfNull(listenOptions);
        var smtp = listenOptions.ApplicationServices.GetRequiredService<IOptions<SmtpServerOptions>>().Value;
        if (!smtp.HasCertificate)
        {
            throw new InvalidOperationException("The HTTPS listener needs a certificate: SmtpServerOptions.Certificate or CertificateSelector.");
        }

        listenOptions.Protocols = HttpProtocols.Http1AndHttp2;
        // The certificate store's choice by SNI (RFC 6066 §3) with its whole chain, and TLS-ALPN-01 answered here
        // while an ACME challenge is open (RFC 8737), as on every Kakunin TLS listener.
        listenOptions.UseKakuninCertificates();
        return listenOptions;
    }
}
