using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Kakunin.Smtp.Server;

/// <summary>Hosting the SMTP server in a Kestrel host: DI registration and one call per listening port.</summary>
public static class SmtpServerBuilderExtensions
{
    /// <summary>
    /// Registers the server's options, its connection limiter, its message spool and <see cref="TimeProvider.System"/> (unless one is
    /// registered). The host registers the <see cref="ISmtpBackend"/> (the queue).
    /// </summary>
    public static IServiceCollection AddKakuninSmtp(this IServiceCollection services, Action<SmtpServerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<SmtpServerOptions>().Configure(o => configure?.Invoke(o));
        services.TryAddSingleton<SmtpConnectionLimiter>();
        services.TryAddSingleton<MessageSpool>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>
    /// Serves SMTP on this Kestrel endpoint. For <see cref="ListenerKind.SubmissionTls"/> (port 465, RFC 8314) the
    /// connection is wrapped in TLS with <see cref="SmtpServerOptions.CertificateFor"/> before the first byte.
    /// </summary>
    public static ListenOptions UseKakuninSmtp(this ListenOptions listenOptions, ListenerKind kind)
    {
        ArgumentNullException.ThrowIfNull(listenOptions);
        var services = listenOptions.ApplicationServices;
        var handler = ActivatorUtilities.CreateInstance<SmtpConnectionHandler>(services, kind);

        // First, before any TLS: the connection takes its slot at accept, so handshakes count against the limit.
        listenOptions.Use(next => connection => handler.AdmitAsync(connection, next));
        if (kind == ListenerKind.SubmissionTls)
        {
            var smtp = services.GetRequiredService<IOptions<SmtpServerOptions>>().Value;
            if (!smtp.HasCertificate)
                throw new InvalidOperationException("An implicit TLS SMTP listener needs SmtpServerOptions.Certificate or CertificateSelector.");
            listenOptions.Protocols = HttpProtocols.Http1;

            // Kestrel TlsHandshakeCallbackOptions.HandshakeTimeout: the same limit as after STARTTLS. The certificate (and
            // its chain) is chosen per handshake (SNI), so a renewed one is served without a restart.
            listenOptions.UseHttps(new TlsHandshakeCallbackOptions
            {
                OnConnection = context => ValueTask.FromResult(smtp.AuthenticationFor(context.ClientHelloInfo.ServerName)),
                HandshakeTimeout = smtp.TlsHandshakeTimeout,
            });
        }

        listenOptions.Run(handler.OnConnectedAsync);
        return listenOptions;
    }
}
