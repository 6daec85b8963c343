using Kakunin.Smtp.Server;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
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
        listenOptions.UseHttps(new HttpsConnectionAdapterOptions
        {
            // By SNI server name (RFC 6066 §3), or null when the client sent none: the fallback certificate.
            ServerCertificateSelector = (_, serverName) => smtp.CertificateFor(serverName),
        });
        return listenOptions;
    }
}
