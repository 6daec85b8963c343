using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Kakunin.Imap.Server;

/// <summary>Hosting the IMAP server in a Kestrel host: DI registration and one call per listening port.</summary>
public static class ImapServerBuilderExtensions
{
    /// <summary>
    /// Registers the options, the connection limiter and <see cref="TimeProvider.System"/> (unless one is registered).
    /// The host registers the <see cref="Backend.IImapBackend"/>.
    /// </summary>
    public static IServiceCollection AddKakuninImap(this IServiceCollection services, Action<ImapServerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<ImapServerOptions>().Configure(o => configure?.Invoke(o));
        services.TryAddSingleton<ImapConnectionLimiter>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>
    /// Serves IMAP on this Kestrel endpoint: STARTTLS (port 143) or implicit TLS (port 993, RFC 8314 §3.2), where the
    /// connection is wrapped in TLS with <see cref="ImapServerOptions.AuthenticationFor"/> before the first byte.
    /// </summary>
    public static ListenOptions UseKakuninImap(this ListenOptions listenOptions, ImapListenerKind kind)
    {
        ArgumentNullException.ThrowIfNull(listenOptions);
        var services = listenOptions.ApplicationServices;
        var handler = ActivatorUtilities.CreateInstance<ImapConnectionHandler>(services, kind);
        listenOptions.Use(next => connection => handler.AdmitAsync(connection, next));
        if (kind == ImapListenerKind.ImplicitTls)
        {
            var imap = services.GetRequiredService<IOptions<ImapServerOptions>>().Value;
            if (!imap.HasCertificate)
            {
                throw new InvalidOperationException("An implicit TLS IMAP listener needs ImapServerOptions.Certificate or a certificate selector.");
            }

            listenOptions.Protocols = HttpProtocols.Http1;
            listenOptions.UseHttps(new TlsHandshakeCallbackOptions
            {
                OnConnection = context => ValueTask.FromResult(imap.AuthenticationFor(context.ClientHelloInfo.ServerName)),
                HandshakeTimeout = imap.TlsHandshakeTimeout,
            });
        }

        listenOptions.Run(handler.OnConnectedAsync);
        return listenOptions;
    }
}
