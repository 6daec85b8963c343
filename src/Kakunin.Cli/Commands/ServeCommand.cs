using System.CommandLine;
using Kakunin.Cli.Settings;
using Kakunin.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace Kakunin.Cli.Commands;

/// <summary>
/// <c>kakunin serve</c>: the whole server in one process. Options given here override KAKUNIN__* environment
/// variables, the configuration file (KAKUNIN_CONFIG or /etc/kakunin/kakunin.json) and appsettings.json (the usual
/// ASP.NET Core order).
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var settings = new (Option Option, string Key)[]
        {
            (new Option<string>(DataFolder.OptionName) { Description = "Data folder (SQLite store, TLS certificate). Default: $KAKUNIN_DATA, else Kakunin:DataDirectory from the configuration, else kakunin-data." }, nameof(KakuninOptions.DataDirectory)),
            (new Option<string>("--hostname") { Description = "This server's host name (greeting, Received, DSNs). Default: mail.example.test." }, nameof(KakuninOptions.HostName)),
            (new Option<string>("--listen") { Description = "Address to listen on. Default: 127.0.0.1 (loopback only)." }, nameof(KakuninOptions.ListenAddress)),
            (new Option<int>("--smtp-port") { Description = "SMTP for other servers. Default: 2525." }, nameof(KakuninOptions.SmtpPort)),
            (new Option<int>("--submission-port") { Description = "Submission with STARTTLS and AUTH. Default: 2587." }, nameof(KakuninOptions.SubmissionPort)),
            (new Option<int>("--submission-tls-port") { Description = "Submission over implicit TLS. Default: 2465." }, nameof(KakuninOptions.SubmissionTlsPort)),
            (new Option<int>("--imap-port") { Description = "IMAP with STARTTLS; sign-in only after TLS. 0 turns it off. Default: 2143." }, nameof(KakuninOptions.ImapPort)),
            (new Option<int>("--imaps-port") { Description = "IMAP over implicit TLS. 0 turns it off. Default: 2993." }, nameof(KakuninOptions.ImapsPort)),
            (new Option<int>("--http-port") { Description = "Web: webmail, /health and /metrics. Default: 8025." }, nameof(KakuninOptions.HttpPort)),
            (new Option<int>("--https-port") { Description = "Web over TLS (HTTP/1.1 and HTTP/2) with the SMTP certificate; plain HTTP then redirects to it. Default: off." }, nameof(KakuninOptions.HttpsPort)),
            (new Option<string>("--web-listen") { Description = "Address of the HTTP and HTTPS listeners when not --listen's (e.g. 127.0.0.1 behind a proxy). Default: --listen." }, $"{nameof(KakuninOptions.Web)}:{nameof(KakuninOptions.Web.ListenAddress)}"),
            (new Option<string>("--trusted-proxies") { Description = "Addresses or CIDR blocks of reverse proxies whose X-Forwarded-For/-Proto are believed. Default: none." }, $"{nameof(KakuninOptions.Web)}:{nameof(KakuninOptions.Web.TrustedProxies)}"),
            (new Option<string>("--proxy-protocol-from") { Description = "Addresses or CIDR blocks of TCP balancers in front of SMTP and IMAP; their connections must begin with a PROXY protocol header (v1/v2), whose client address is used. Default: none." }, nameof(KakuninOptions.ProxyProtocolFrom)),
            (new Option<string>("--smarthost") { Description = "Send remote mail via host:port instead of MX lookup." }, nameof(KakuninOptions.SmartHost)),
            (new Option<string>("--dns-servers") { Description = "Name servers (ip[:port], comma-separated) for MX, SPF, DKIM and DMARC lookups. Default: the system's." }, nameof(KakuninOptions.DnsServers)),
            (new Option<int>("--remote-smtp-port") { Description = "Port of remote MX hosts. Default: 25." }, nameof(KakuninOptions.RemoteSmtpPort)),
            (new Option<bool>("--demo") { Description = "On first run, create example.test with users alice and bob." }, nameof(KakuninOptions.Demo)),
            (new Option<string>("--demo-password") { Description = "Password for the demo users (default: generated and printed once)." }, nameof(KakuninOptions.DemoPassword)),
            (new Option<int>("--max-connections-per-address") { Description = "Most simultaneous SMTP connections from one address. Default: 20." }, nameof(KakuninOptions.MaxConnectionsPerAddress)),
            (new Option<string>("--trusted-networks") { Description = "CIDR blocks of peer MTAs whose relayed mail counts as from verified senders (success/delay DSNs go back). Default: none." }, nameof(KakuninOptions.TrustedNetworks)),
            (new Option<string>("--metrics-networks") { Description = "CIDR blocks that may read /metrics (\"0.0.0.0/0,::/0\" for everyone). Default: loopback and the trusted networks." }, nameof(KakuninOptions.MetricsNetworks)),
            (new Option<string>("--storage-reserve") { Description = "Free space kept on the data folder's file system for delivering what was accepted; below it new mail is refused (452 4.3.1). 0 for none. Default: 256MiB." }, "Storage:Reserve"),
            (new Option<bool>("--allow-insecure-auth") { Description = "Allow AUTH without TLS (development only)." }, nameof(KakuninOptions.AllowInsecureAuth)),
            // Certificates (docs/certificates.md): keys below the "Kakunin" section, Tls:* and Acme:*.
            (new Option<string>("--certificates") { Description = "Folder of <name>.crt + <name>.key PEM pairs, chosen by SNI, reloaded on change. Default: certificates in the data folder." }, "Tls:Directory"),
            (new Option<bool>("--acme") { Description = "Obtain and renew certificates by ACME (Let's Encrypt unless --acme-directory); accepts the CA's terms of service." }, "Acme:Enabled"),
            (new Option<string>("--acme-directory") { Description = "ACME directory URL. Default: Let's Encrypt production (staging: https://acme-staging-v02.api.letsencrypt.org/directory)." }, "Acme:DirectoryUrl"),
            (new Option<string>("--acme-email") { Description = "Contact e-mail for the ACME account." }, "Acme:Email"),
            (new Option<string>("--acme-hostnames") { Description = "Host names for the ACME certificate, comma-separated. Default: --hostname." }, "Acme:HostNames"),
            (new Option<string>("--acme-challenge") { Description = "http-01 (on the web port, 80 in production) or tls-alpn-01 (on 443). Default: http-01." }, "Acme:Challenge"),
            (new Option<int>("--acme-tls-alpn-port") { Description = "A TLS port that only answers ACME tls-alpn-01 validation. Default: none." }, "Acme:TlsAlpnPort"),
        };
        var command = new Command("serve", "Run the mail server: SMTP, submission, the queue and the web host.");
        foreach (var (option, _) in settings)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (result, cancellationToken) =>
        {
            var overrides = new Dictionary<string, string?>();
            foreach (var (option, key) in settings)
            {
                if (result.GetResult(option) is { Implicit: false } given)
                {
                    overrides[$"{KakuninOptions.Section}:{key}"] = given.Tokens.Count > 0 ? given.Tokens[0].Value : "true";
                }
            }

            // The data folder is found as every other command finds it (Settings/DataFolder.cs): KAKUNIN_DATA comes
            // between --data and the configuration.
            var dataKey = $"{KakuninOptions.Section}:{nameof(KakuninOptions.DataDirectory)}";
            if (!overrides.ContainsKey(dataKey) && CliEnvironment.Of(result).Variable(DataFolder.EnvironmentVariable) is { } data)
            {
                overrides[dataKey] = data;
            }

            WebApplication? app = null;
            try
            {
                app = await KakuninServer.BuildAsync([], overrides, result.InvocationConfiguration.Output, cancellationToken);
                await app.StartAsync(CancellationToken.None);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Whatever stops the start (a full or read-only data folder, a malformed option, a port in use, a newer
                // database) is the administrator's to fix: one sentence naming the folder or option and the cause, exit 1,
                // no stack trace (docs/deploy.md). Faults after the start are not caught here.
                result.InvocationConfiguration.Error.WriteLine($"kakunin: {ServerStartFailure.Sentence(e)}");
                if (app is not null)
                {
                    await app.DisposeAsync();
                }

                return 1;
            }

            await using (app)
            {
                await app.WaitForShutdownAsync(CancellationToken.None);
            }

            return 0;
        });
        return command;
    }
}
