using Kakunin.Connections.ProxyProtocol;
using System.Net;
using Kakunin.Authentication;
using Kakunin.Authentication.Dmarc;
using Kakunin.Authentication.Dns;
using Kakunin.Authentication.Spf;
using Kakunin.Certificates;
using Kakunin.Certificates.Acme;
using Kakunin.Certificates.Store;
using Kakunin.Certificates.Tls;
using Kakunin.Imap.Server;
using Kakunin.Queue;
using Kakunin.Smtp.Client;
using Kakunin.Queue.Dkim;
using Kakunin.Smtp.Dns;
using Kakunin.Smtp.Server;
using Kakunin.Store;
using Kakunin.Store.Backup;
using Kakunin.Store.Security;
using Kakunin.Web.Api;
using Kakunin.Web.Health;
using Kakunin.Web.Https;
using Kakunin.Web.Imap;
using Kakunin.Web.Integrity;
using Kakunin.Web.Logging;
using Kakunin.Web.Storage;
using Kakunin.Web.Tls;
using Kakunin.Webhooks;
using Kakunin.Web.Ui;
using Kakunin.Web.Ui.Security;
using OpenTelemetry.Metrics;

namespace Kakunin.Web;

/// <summary>
/// Builds the one Kakunin process: SMTP (inbound, submission, implicit-TLS submission) on Kestrel,
/// the queue runner, and the web host (webmail, /health, /metrics), over an embedded SQLite store.
/// </summary>
public static class KakuninServer
{
    /// <summary>The configuration section bound onto <see cref="SmtpServerOptions"/> (every SMTP limit).</summary>
    public const string SmtpConfigurationSection = KakuninOptions.Section + ":Smtp";

    /// <summary>The configuration section bound onto <see cref="ImapServerOptions"/> (every IMAP limit).</summary>
    public const string ImapConfigurationSection = KakuninOptions.Section + ":Imap";

    /// <summary>The configuration section bound onto <see cref="AuthThrottleOptions"/> (password guessing limits).</summary>
    public const string AuthThrottleSection = KakuninOptions.Section + ":AuthThrottle";

    /// <summary>
    /// Creates the application. <paramref name="overrides"/> are configuration keys set by the command
    /// line (e.g. "Kakunin:SmtpPort"); they win over appsettings.json and environment variables.
    /// </summary>
    public static async Task<WebApplication> BuildAsync(string[] args, IReadOnlyDictionary<string, string?> overrides, TextWriter console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        // appsettings.json is read once, not watched: the host would watch its content root, the working directory, with
        // subdirectories — under systemd that is the data folder, so every database and WAL write became an event the
        // server handled (docs/benchmarks.md §1, "CPU per message"). A change takes effect at the next start, as
        // KakuninConfigFile's file already does.
        var builder = WebApplication.CreateSlimBuilder([.. args, "--hostBuilder:reloadConfigOnChange=false"]);
        KakuninConfigFile.AddTo(builder.Configuration); // KAKUNIN_CONFIG or /etc/kakunin/kakunin.json, as the other commands read it
        LoggingDefaults.Apply(builder.Configuration);
        var hostStarted = new HostStarted();
        HostStartLog.HoldBackUntilStarted(builder.Logging, hostStarted);
        builder.Configuration.AddInMemoryCollection(overrides);
        var options = builder.Configuration.GetSection(KakuninOptions.Section).Get<KakuninOptions>() ?? new KakuninOptions();
        var time = TimeProvider.System;

        // A malformed option stops the server here, in one sentence naming it (docs/deploy.md), before anything is written.
        ServerOptionsCheck.Validate(options);
        var reserve = StorageSpaceOptions.From(builder.Configuration).ReserveBytes();
        var integrityOptions = builder.Configuration.GetSection(IntegrityOptions.Section).Get<IntegrityOptions>() ?? new IntegrityOptions();
        DataFolderLock? folderLock = null;
        KakuninStore? store = null;
        System.Security.Cryptography.X509Certificates.X509Certificate2 certificate;
        try
        {
            OwnerOnlyFolder.Create(options.DataDirectory);
            // One process per data folder (docs/deploy.md, Backups): held until the process ends, released by the kernel even on SIGKILL.
            folderLock = DataFolderLock.TryAcquire(options.DataDirectory, "kakunin serve")
                ?? throw new ServerStartException($"another Kakunin process is using {Path.GetFullPath(options.DataDirectory)} (it holds {DataFolderLock.PathIn(options.DataDirectory)}): a server, or a restore in progress");
            // Kakunin:Store:ConnectionString names a PostgreSQL database instead of SQLite in the data folder (docs/postgresql.md);
            var storeOptions = new StoreOptions
            {
                SpaceReserve = reserve,
                ConnectionString = builder.Configuration["Kakunin:Store:ConnectionString"],
            };
            store = await KakuninStore.OpenAsync(options.DataDirectory, storeOptions, cancellationToken);
            // Checked before any listener opens, then on a schedule; a damaged store refuses new mail (docs/storage.md).
            await IntegrityStartup.RunAsync(store, integrityOptions, time, cancellationToken);
            if (options.Demo && await DemoSetup.EnsureAsync(store, options.DemoPassword, cancellationToken) is { } password)
            {
                console.WriteLine($"Demo domain {DemoSetup.Domain} created: users alice@{DemoSetup.Domain} and bob@{DemoSetup.Domain}, password: {password}");
                console.WriteLine("The password is shown only this once.");
            }

            // Every domain signs what it sends (docs/authentication.md): domains from before DKIM get their keys now.
            foreach (var key in await DkimKeyProvisioning.EnsureAllAsync(store, time.GetUtcNow(), cancellationToken))
            {
                console.WriteLine($"DKIM key made for {key.Domain} ({key.Algorithm}): publish {key.Selector}._domainkey.{key.Domain} (see 'kakunin domain dns {key.Domain}')");
            }

            certificate = ServerCertificate.LoadOrCreate(options.DataDirectory, options.HostName, time);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            if (store is not null) await store.DisposeAsync();
            folderLock?.Dispose();
            // A full or read-only file system, no permission: one sentence naming the data folder (docs/storage.md).
            if (e is ServerStartException or DatabaseTooNewException or StoreUpgradeException) throw;
            throw DataFolderFault.Explain(e, options.DataDirectory);
        }
        var authentication = builder.Configuration.GetSection(AuthenticationOptions.Section).Get<AuthenticationOptions>() ?? new AuthenticationOptions();
        // RFC 7489 §3.2 organizational domains, for inbound DMARC and for whether a report is vouched for (tracking).
        var organizationalDomains = PublicSuffixList.LoadOrFallback(authentication.PublicSuffixList, out var suffixListWarning);
        var queueOptions = new QueueOptions
        {
            HostName = options.HostName,
            OrganizationalDomains = organizationalDomains,
            TrustedNetworks = ParseNetworks(options.TrustedNetworks),
            JunkDmarcFailures = authentication.Enabled && authentication.DmarcReject != DmarcEnforcement.Off,
        };
        // Scheduler limits and retry times (docs/queue.md, Scheduling): "Kakunin:Queue", e.g. KAKUNIN__QUEUE__DESTINATIONCONCURRENCYLIMIT=10.
        builder.Configuration.GetSection(KakuninOptions.Section + ":Queue").Bind(queueOptions);
        // Under systemd (Type=notify): READY=1 once every listener is bound, STOPPING=1 on shutdown, log lines with
        // journald priorities. Outside systemd it changes nothing.
        builder.Services.AddSystemd();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton(time);
        builder.Services.AddSingleton(queueOptions);
        builder.Services.AddSingleton<QueueSignal>();
        builder.Services.AddSingleton(sp => new QueueMetrics(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        // One password check and one throttle, for SMTP AUTH on every listener, IMAP and the webmail sign-in alike
        // (docs/security.md): limits from "Kakunin:AuthThrottle". In memory on SQLite (one process), in the database
        // on PostgreSQL, shared by every node (docs/postgresql.md).
        var throttleOptions = builder.Configuration.GetSection(AuthThrottleSection).Get<AuthThrottleOptions>() ?? new AuthThrottleOptions();
        builder.Services.AddSingleton(AuthThrottle.ForStore(store, throttleOptions, time));
        builder.Services.AddSingleton<PasswordSignIn>();
        builder.Services.AddSingleton(await SessionRevocations.LoadAsync(store, time, cancellationToken));
        builder.Services.AddHostedService<SessionRevocationsFollower>(); // revocations made by the CLI, read when it commits
        AddAuthentication(builder.Services, options, authentication, organizationalDomains);
        builder.Services.AddSingleton<ISmtpBackend, QueueSmtpBackend>();
        // The webmail's way into the queue: sending (queue + Sent copy + tracking) and answering read-receipt requests.
        builder.Services.AddSingleton(sp => new MailSubmission(
            store, queueOptions, time, sp.GetRequiredService<QueueMetrics>(), sp.GetRequiredService<ILogger<MailSubmission>>(), sp.GetRequiredService<QueueSignal>()));
        builder.Services.AddSingleton<ReadReceiptResponder>();
        builder.Services.AddSingleton<IOutboundTransport>(_ => CreateTransport(options, time));
        builder.Services.AddSingleton<IOutboundSigner, DkimOutboundSigner>();
        builder.Services.AddSingleton<QueueRunner>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<QueueRunner>());
        builder.Services.AddKakuninWebhooks(builder.Configuration); // signed webhooks of tracking events (docs/webhooks.md), "Kakunin:Webhooks"
        builder.Services.AddKakuninHealth();
        builder.Services.AddKakuninStorageSpace(); // free space and the reserve: /health "storage-space", /metrics, the log
        builder.Services.AddKakuninIntegrity(integrityOptions);
        builder.Services.AddKakuninSmtp(o =>
        {
            o.HostName = options.HostName;
            o.Certificate = certificate;
            o.AllowInsecureAuth = options.AllowInsecureAuth;
            o.MaxConnectionsPerAddress = options.MaxConnectionsPerAddress;
            // Message content streams to disk as it arrives (docs/smtp-server.md, "Message content on its way in").
            o.SpoolDirectory = Path.Combine(options.DataDirectory, "spool");
            // Every other limit of the one options record (docs/smtp-server.md, Limits) from "Kakunin:Smtp":
            // appsettings.json, KAKUNIN__SMTP__MAXRECIPIENTS=500, or --Kakunin:Smtp:MaxRecipients=500 style overrides.
            builder.Configuration.GetSection(SmtpConfigurationSection).Bind(o);
        });
        // TLS certificates (docs/certificates.md): PEM files by SNI name, reloaded on change, ACME when enabled; the
        // self-signed one only when no file is good. Every SMTP handshake picks from the store, chain included.
        builder.Services.AddKakuninCertificates(builder.Configuration, options.DataDirectory, options.HostName, () => certificate);
        builder.Services.AddOptions<SmtpServerOptions>().Configure<CertificateStore>((o, store) =>
        {
            o.CertificateContextSelector = store.SelectContext;
            o.CertificateSelector = name => store.Select(name)?.Leaf;
        });
        // IMAP (docs/imap.md): the same accounts, throttle and certificates as SMTP; limits from "Kakunin:Imap".
        builder.Services.AddKakuninImapBackend();
        builder.Services.AddKakuninImap(o =>
        {
            o.Certificate = certificate;
            o.AllowInsecureAuth = options.AllowInsecureAuth;
            builder.Configuration.GetSection(ImapConfigurationSection).Bind(o);
        });
        builder.Services.AddOptions<ImapServerOptions>().Configure<CertificateStore>((o, store) =>
        {
            o.CertificateContextSelector = store.SelectContext;
            o.CertificateSelector = name => store.Select(name)?.Leaf;
        });
        builder.Services.AddKakuninWebmail(options);
        builder.Services.AddKakuninApi(builder.Configuration); // /api/v1 (docs/api.md): tokens, problem details, rate limit
        builder.Services.AddKakuninTransportSecurity(options);
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(QueueMetrics.MeterName)
            .AddMeter(StorageSpaceMetrics.MeterName)
            .AddMeter(StoreIntegrityMetrics.MeterName)
            .AddPrometheusExporter());

        var address = IPAddress.Parse(options.ListenAddress);
        var acmeTlsAlpnPort = builder.Configuration.GetValue<int>(AcmeOptions.Section + ":" + nameof(AcmeOptions.TlsAlpnPort));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // A balancer's PROXY header is read first, before the connection limit and any TLS see the client's address.
            var balancers = options.ProxyProtocolNetworks();
            kestrel.Listen(address, options.SmtpPort, l => l.UseProxyProtocol(balancers).UseKakuninSmtp(ListenerKind.Inbound));
            kestrel.Listen(address, options.SubmissionPort, l => l.UseProxyProtocol(balancers).UseKakuninSmtp(ListenerKind.Submission));
            kestrel.Listen(address, options.SubmissionTlsPort, l => l.UseProxyProtocol(balancers).UseKakuninSmtp(ListenerKind.SubmissionTls));
            if (options.ImapPort > 0) kestrel.Listen(address, options.ImapPort, l => l.UseProxyProtocol(balancers).UseKakuninImap(ImapListenerKind.StartTls));
            if (options.ImapsPort > 0) kestrel.Listen(address, options.ImapsPort, l => l.UseProxyProtocol(balancers).UseKakuninImap(ImapListenerKind.ImplicitTls));
            var web = options.Web.ListenOn(options.ListenAddress);
            kestrel.Listen(web, options.HttpPort);
            if (options.HttpsPort is { } httpsPort)
            {
                kestrel.Listen(web, httpsPort, l => l.UseKakuninHttps());
            }
            if (acmeTlsAlpnPort > 0) kestrel.Listen(address, acmeTlsAlpnPort, l => l.UseAcmeTlsAlpnOnly());
        });

        var app = builder.Build();
        hostStarted.Attach(app.Lifetime);
        var metricsAccess = new MetricsAccess(string.IsNullOrWhiteSpace(options.MetricsNetworks)
            ? MetricsAccess.Default(queueOptions.TrustedNetworks)
            : ParseNetworks(options.MetricsNetworks));
        app.UseMiddleware<RequestLog>();
        app.UseKakuninTransportSecurity(options);
        app.Use(metricsAccess.InvokeAsync);
        app.UseKakuninWebmail();
        app.UseKakuninApi();
        app.MapKakuninHealth().AllowAnonymous();
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
        app.MapAcmeHttpChallenge().AllowAnonymous();
        app.Lifetime.ApplicationStopped.Register(() =>
        {
            store.DisposeAsync().AsTask().GetAwaiter().GetResult();
            folderLock.Dispose();
        });
        if (store.Upgrade is { } upgrade) ServerLog.Upgraded(app.Logger, upgrade.FromVersion, upgrade.ToVersion, upgrade.CopyPath);
        if (suffixListWarning is not null) ServerLog.PublicSuffixListMissing(app.Logger, suffixListWarning);
        var dataPath = Path.GetFullPath(options.DataDirectory);
        var keysFolder = Path.Combine(dataPath, DataProtectionKeys.FolderName);
        ServerLog.CookieKeys(app.Logger, keysFolder);
        var redirect = TransportSecurity.RedirectTarget(options) is { } target ? HttpsRedirect.TargetText(target.Host, target.Port) : null;
        app.Lifetime.ApplicationStarted.Register(() => LifetimeLog.Write(app.Logger, options, redirect, app.Environment.EnvironmentName, dataPath));
        app.Lifetime.ApplicationStopping.Register(() => LifetimeLog.Stopping(app.Logger));
        return app;
    }

    /// <summary>
    /// Authentication of incoming mail ("Kakunin:Authentication"): SPF, DKIM, DMARC and ARC over the configured name
    /// servers (--dns-servers), the Public Suffix List for organizational domains, and the policy on the verdict.
    /// </summary>
    private static void AddAuthentication(IServiceCollection services, KakuninOptions options, AuthenticationOptions authentication, IOrganizationalDomains organizationalDomains)
    {
        services.AddSingleton(authentication);
        services.AddSingleton<IAuthDns>(new AuthDns(new AuthDnsOptions { NameServers = options.NameServers(), Timeout = authentication.DnsTimeout }));
        services.AddSingleton(organizationalDomains);
        services.AddSingleton(sp => new MessageAuthenticator(
            options.HostName, sp.GetRequiredService<IAuthDns>(), sp.GetRequiredService<IOrganizationalDomains>(), new SpfOptions { Deadline = authentication.SpfDeadline }));
        services.AddSingleton(sp => new InboundAuthentication(
            authentication.Enabled ? sp.GetRequiredService<MessageAuthenticator>() : null, authentication, options.HostName));
    }

    private static IPNetwork[] ParseNetworks(string? value) =>
        string.IsNullOrWhiteSpace(value)
            ? []
            : [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(IPNetwork.Parse)];

    private static SmtpOutboundTransport CreateTransport(KakuninOptions options, TimeProvider time)
    {
        DnsEndPoint? smarthost = null;
        if (!string.IsNullOrEmpty(options.SmartHost))
        {
            var colon = options.SmartHost.LastIndexOf(':');
            smarthost = colon > 0
                ? new DnsEndPoint(options.SmartHost[..colon], int.Parse(options.SmartHost[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture))
                : new DnsEndPoint(options.SmartHost, 25);
        }

        var outbound = new SmtpOutboundOptions { HeloName = options.HostName, Smarthost = smarthost, Port = options.RemoteSmtpPort };
        var nameServers = options.NameServers();
        var dns = new DnsMxResolver(new DnsMxResolverOptions { NameServers = nameServers });
        // --dns-servers answers for the MX hosts' (and the smarthost's) addresses too, not only for the MX records.
        var dialer = nameServers.Count > 0 ? new TcpSmtpDialer(dns) : new TcpSmtpDialer();
        return new SmtpOutboundTransport(outbound, dialer, dns, time);
    }
}
