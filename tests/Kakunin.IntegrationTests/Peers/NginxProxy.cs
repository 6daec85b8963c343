using System.Globalization;
using System.Net;

namespace Kakunin.IntegrationTests.Peers;

/// <summary>
/// Debian's nginx as the TLS-terminating proxy of docs/reverse-proxy.md, as one foreground process (no master, no
/// daemon, no user switch) with its prefix, pid, temp and log paths in its own folder. It connects to Kakunin from
/// <c>proxy_bind</c>'s address, so that the proxy has an address of its own among the loopback clients of a test.
/// </summary>
public static class NginxProxy
{
    private const string Program = "/usr/sbin/nginx";

    /// <summary>Starts nginx for <see cref="ReverseProxy.Host"/> on a free loopback port, passing to Kakunin's HTTP port.</summary>
    public static Task<ReverseProxy> StartAsync(int kakuninHttpPort, IPAddress bind) =>
        ReverseProxy.StartAsync(Program, "nginx", folder =>
        {
            var config = folder.File("nginx.conf");
            File.WriteAllText(config, Config(folder, kakuninHttpPort, bind));
            // -p: prefix for relative paths; -e: the error log before the configuration is read (default /var/log/nginx).
            return ([ "-p", folder.Directory, "-e", folder.File("error.log"), "-c", config ], folder.File("error.log"), null);
        });

    private static string Config(ProxyFolder folder, int kakuninHttpPort, IPAddress bind)
    {
        var port = folder.HttpsPort.ToString(CultureInfo.InvariantCulture);
        var upstream = kakuninHttpPort.ToString(CultureInfo.InvariantCulture);
        // The server block is the one in docs/reverse-proxy.md; only the paths, ports and proxy_bind are the test's.
        return $$"""
            daemon off;
            master_process off;
            pid {{folder.File("nginx.pid")}};
            error_log {{folder.File("error.log")}} info;
            events { worker_connections 64; }
            http {
                access_log {{folder.File("access.log")}};
                client_body_temp_path {{folder.File("body")}};
                proxy_temp_path {{folder.File("proxy")}};
                fastcgi_temp_path {{folder.File("fastcgi")}};
                uwsgi_temp_path {{folder.File("uwsgi")}};
                scgi_temp_path {{folder.File("scgi")}};

                server {
                    listen 127.0.0.1:{{port}} ssl http2;
                    server_name {{ReverseProxy.Host}};
                    ssl_certificate {{folder.CertificateFile}};
                    ssl_certificate_key {{folder.KeyFile}};
                    client_max_body_size 64m;

                    location / {
                        proxy_pass http://127.0.0.1:{{upstream}};
                        proxy_http_version 1.1;
                        proxy_bind {{bind}};
                        proxy_set_header Host $host;
                        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                        proxy_set_header X-Forwarded-Proto $scheme;
                    }
                }
            }
            """;
    }
}
