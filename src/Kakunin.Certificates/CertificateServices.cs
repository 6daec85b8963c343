using System.Security.Cryptography.X509Certificates;
using Kakunin.Certificates.Acme;
using Kakunin.Certificates.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kakunin.Certificates;

/// <summary>Wires the certificate store and ACME into a host (docs/certificates.md).</summary>
public static class CertificateServices
{
    /// <summary>
    /// Registers the <see cref="CertificateStore"/> (files from "Kakunin:Tls", the data folder's <c>certificates</c>
    /// and ACME's own folder; <paramref name="fallback"/> when none is good), the challenge responders, and — when
    /// "Kakunin:Acme:Enabled" — the renewal service for <see cref="AcmeOptions.HostNames"/> or <paramref name="hostName"/>.
    /// </summary>
    public static IServiceCollection AddKakuninCertificates(this IServiceCollection services, IConfiguration configuration, string dataDirectory, string hostName, Func<X509Certificate2>? fallback)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var tls = configuration.GetSection(CertificateOptions.Section).Get<CertificateOptions>() ?? new CertificateOptions();
        var acme = configuration.GetSection(AcmeOptions.Section).Get<AcmeOptions>() ?? new AcmeOptions();
        Validate(acme);
        var storage = new AcmeStorage(dataDirectory);
        services.AddSingleton(tls);
        services.AddSingleton(acme);
        services.AddSingleton(storage);
        services.AddSingleton<Http01ChallengeResponder>();
        services.AddSingleton<TlsAlpn01ChallengeResponder>();
        services.AddSingleton(sp =>
        {
            var settings = new CertificateStoreSettings
            {
                Files = [.. tls.Certificates],
                Directories = [tls.Directory ?? Path.Combine(dataDirectory, CertificateOptions.DefaultDirectoryName), storage.CertificateDirectory],
                DefaultName = hostName,
                Fallback = fallback,
                FallbackDescription = "the self-signed certificate in the data folder",
            };
            var store = new CertificateStore(settings, sp.GetService<TimeProvider>() ?? TimeProvider.System, sp.GetRequiredService<ILogger<CertificateStore>>());
            store.Start();
            return store;
        });
        // Read the files at start, so a bad one or the fallback is reported before the first client comes.
        services.AddHostedService(sp => new CertificateStoreStartup(sp.GetRequiredService<CertificateStore>()));
        if (acme.Enabled)
        {
            services.AddHostedService(sp => new AcmeRenewalService(
                acme,
                acme.NamesOr(hostName),
                storage,
                sp.GetRequiredService<CertificateStore>(),
                sp.GetRequiredService<Http01ChallengeResponder>(),
                sp.GetRequiredService<TlsAlpn01ChallengeResponder>(),
                sp.GetRequiredService<IHostApplicationLifetime>(),
                sp.GetService<TimeProvider>() ?? TimeProvider.System,
                sp.GetRequiredService<ILogger<AcmeRenewalService>>()));
        }

        return services;
    }

    /// <summary>
    /// HTTP-01 (RFC 8555 §8.3): GET /.well-known/acme-challenge/{token} answers the key authorization of an open
    /// challenge, 404 otherwise. Map it on the HTTP listener (port 80 in production) and never redirect it.
    /// </summary>
    public static IEndpointConventionBuilder MapAcmeHttpChallenge(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var responder = endpoints.ServiceProvider.GetRequiredService<Http01ChallengeResponder>();
        return endpoints.MapGet(Http01ChallengeResponder.PathPrefix + "{token}", context =>
        {
            var token = context.Request.RouteValues["token"] as string;
            if (token is null || responder.Answer(token) is not { } answer)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            context.Response.ContentType = "application/octet-stream";
            return context.Response.WriteAsync(answer, context.RequestAborted);
        });
    }

    private static void Validate(AcmeOptions acme)
    {
        if (!acme.Enabled)
        {
            return;
        }

        if (acme.Challenge is not (AcmeChallengeTypes.Http01 or AcmeChallengeTypes.TlsAlpn01))
        {
            throw new InvalidOperationException($"Kakunin:Acme:Challenge is \"{acme.Challenge}\": use {AcmeChallengeTypes.Http01} or {AcmeChallengeTypes.TlsAlpn01}");
        }

        if (!Uri.TryCreate(acme.DirectoryUrl, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
        {
            throw new InvalidOperationException($"Kakunin:Acme:DirectoryUrl is \"{acme.DirectoryUrl}\": an https:// URL is needed (e.g. {AcmeOptions.LetsEncryptProduction})");
        }

        if (acme.TrustedRootsFile is { Length: > 0 } roots && !File.Exists(roots))
        {
            throw new InvalidOperationException($"Kakunin:Acme:TrustedRootsFile {roots} does not exist");
        }
    }

    /// <summary>Being constructed is its job: the container builds the store (reads the files) before the listeners start.</summary>
    private sealed class CertificateStoreStartup(CertificateStore store) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            GC.KeepAlive(store);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
