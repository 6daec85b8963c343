using System.Globalization;

namespace Kakunin.IntegrationTests.Peers;

/// <summary>
/// Debian's Caddy as the TLS-terminating proxy of docs/reverse-proxy.md, in the foreground with its storage,
/// configuration and log in its own folder: no admin endpoint, no automatic certificates (the test's certificate is
/// given), no redirect listener on port 80, no HTTP/3 (UDP). Caddy 2.6 connects to Kakunin from 127.0.0.1 (it has no
/// source-address setting), so tests trust 127.0.0.1 as the proxy and use other loopback addresses as clients.
/// </summary>
public static class CaddyProxy
{
    private const string Program = "/usr/bin/caddy";

    public static Task<ReverseProxy> StartAsync(int kakuninHttpPort) =>
        ReverseProxy.StartAsync(Program, "caddy", folder =>
        {
            var config = folder.File("Caddyfile");
            File.WriteAllText(config, Config(folder, kakuninHttpPort));
            var environment = new Dictionary<string, string>
            {
                ["HOME"] = folder.Directory,
                ["XDG_DATA_HOME"] = folder.Directory,
                ["XDG_CONFIG_HOME"] = folder.Directory,
            };
            return (["run", "--config", config, "--adapter", "caddyfile"], folder.File("caddy.log"), environment);
        });

    private static string Config(ProxyFolder folder, int kakuninHttpPort)
    {
        var port = folder.HttpsPort.ToString(CultureInfo.InvariantCulture);
        var upstream = kakuninHttpPort.ToString(CultureInfo.InvariantCulture);
        // The site block is the one in docs/reverse-proxy.md (there Caddy gets its own certificate; here a given one).
        return $$"""
            {
                admin off
                auto_https disable_redirects
                skip_install_trust
                ocsp_stapling off
                storage file_system {{folder.File("storage")}}
                servers {
                    protocols h1 h2
                }
                log {
                    output file {{folder.File("caddy.log")}}
                }
            }

            https://{{ReverseProxy.Host}}:{{port}} {
                bind 127.0.0.1
                tls {{folder.CertificateFile}} {{folder.KeyFile}}
                reverse_proxy 127.0.0.1:{{upstream}}
            }
            """;
    }
}
