using System.Net.Security;
using Kakunin.Certificates.Acme;
using Kakunin.Certificates.Store;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;

namespace Kakunin.Certificates.Tls;

/// <summary>
/// TLS on a Kestrel endpoint from the <see cref="CertificateStore"/>, with TLS-ALPN-01 (RFC 8737) answered on the same
/// port. Kestrel's TlsHandshakeCallbackOptions lets us pick the whole SslServerAuthenticationOptions per handshake (the
/// certificate with its chain, and the ALPN list), but its ClientHello info carries only the SNI name; so a small
/// middleware first reads the ALPN list from the ClientHello without consuming it (<see cref="ClientHelloReader"/>).
/// </summary>
public static class CertificateTlsListenOptions
{
    private const string OffersAcmeTls = "Kakunin.Certificates.OffersAcmeTls";

    /// <summary>
    /// HTTPS (or any TLS) on this endpoint: the store's certificate for the SNI name, with its intermediates; a handshake
    /// that offers "acme-tls/1" for a name with an open TLS-ALPN-01 challenge gets the challenge certificate instead
    /// and the connection ends after the handshake (RFC 8737 §3). Services come from the application's container.
    /// </summary>
    public static ListenOptions UseKakuninCertificates(this ListenOptions listenOptions, TimeSpan? handshakeTimeout = null) =>
        Configure(listenOptions, acmeOnly: false, handshakeTimeout);

    /// <summary>
    /// A TLS endpoint that only answers TLS-ALPN-01 validation (<see cref="AcmeOptions.TlsAlpnPort"/>): any other
    /// ClientHello is closed without a handshake.
    /// </summary>
    public static ListenOptions UseAcmeTlsAlpnOnly(this ListenOptions listenOptions) =>
        Configure(listenOptions, acmeOnly: true, handshakeTimeout: null);

    private static ListenOptions Configure(ListenOptions listenOptions, bool acmeOnly, TimeSpan? handshakeTimeout)
    {
        ArgumentNullException.ThrowIfNull(listenOptions);
        var store = listenOptions.ApplicationServices.GetRequiredService<CertificateStore>();
        var challenges = listenOptions.ApplicationServices.GetRequiredService<TlsAlpn01ChallengeResponder>();

        // Before TLS: note whether the ClientHello offers acme-tls/1 (only worth reading while a challenge is open).
        listenOptions.Use(next => async connection =>
        {
            if (acmeOnly || challenges.AnyOpen)
            {
                var offers = await OffersAcmeTlsAsync(connection).ConfigureAwait(false);
                if (acmeOnly && !offers)
                {
                    return;
                }

                connection.Items[OffersAcmeTls] = offers;
            }

            await next(connection).ConfigureAwait(false);
        });

        var tls = new TlsHandshakeCallbackOptions
        {
            OnConnection = context =>
            {
                var name = context.ClientHelloInfo.ServerName;
                if (context.Connection.Items.TryGetValue(OffersAcmeTls, out var offers) && offers is true && challenges.CertificateFor(name) is { } challenge)
                {
                    // RFC 8737 §3: the challenge certificate, and "acme-tls/1" as the one negotiated protocol.
                    return ValueTask.FromResult(new SslServerAuthenticationOptions
                    {
                        ServerCertificate = challenge,
                        ApplicationProtocols = [TlsAlpn01ChallengeResponder.AcmeTlsProtocol],
                    });
                }

                if (acmeOnly)
                {
                    throw new InvalidOperationException($"no open TLS-ALPN-01 challenge for \"{name}\"");
                }

                // ApplicationProtocols left empty: Kestrel fills in h2/http/1.1 from the endpoint's protocols.
                return ValueTask.FromResult(new SslServerAuthenticationOptions
                {
                    ServerCertificateContext = store.SelectContext(name),
                });
            },
        };
        if (handshakeTimeout is { } timeout)
        {
            tls.HandshakeTimeout = timeout;
        }

        listenOptions.UseHttps(tls);

        // After TLS: a validation handshake is all there is (RFC 8737 §3: the authority closes right after it).
        listenOptions.Use(next => connection =>
            connection.Features.Get<ISslStreamFeature>()?.SslStream.NegotiatedApplicationProtocol == TlsAlpn01ChallengeResponder.AcmeTlsProtocol
                ? Task.CompletedTask
                : next(connection));
        return listenOptions;
    }

    /// <summary>Reads the ClientHello as far as needed and leaves every byte unconsumed for the TLS handshake.</summary>
    private static async Task<bool> OffersAcmeTlsAsync(ConnectionContext connection)
    {
        var input = connection.Transport.Input;
        while (true)
        {
            var read = await input.ReadAsync(connection.ConnectionClosed).ConfigureAwait(false);
            var result = ClientHelloReader.TryRead(read.Buffer, out var protocols);
            if (result != ClientHelloResult.Incomplete || read.IsCompleted || read.IsCanceled)
            {
                input.AdvanceTo(read.Buffer.Start);
                return result == ClientHelloResult.Read && ClientHelloReader.Offers(protocols, TlsAlpn01ChallengeResponder.AcmeTlsProtocol.ToString());
            }

            input.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }
}
