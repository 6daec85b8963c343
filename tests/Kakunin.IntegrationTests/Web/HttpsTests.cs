using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Kakunin.IntegrationTests.Hardening;

namespace Kakunin.IntegrationTests.Web;

/// <summary>
/// The webmail's own HTTPS listener (<c>kakunin serve --https-port</c>) on a real server, from real TLS clients (.NET's
/// HttpClient over SslStream and openssl s_client): HTTP/2, the SMTP certificate, Secure cookies, HSTS on HTTPS only,
/// and where plain HTTP goes. The host name mx.example.test is sent as SNI and Host and connected to 127.0.0.1
/// (ASP.NET Core leaves HSTS off for localhost and IP addresses, as browsers ignore it there, RFC 6797 §8.1).
/// </summary>
public sealed class HttpsTests
{
    private const string Host = "mx.example.test";
    private const string OneYear = "max-age=31536000"; // RFC 6797 §6.1.1, 365 × 86,400 s; no includeSubDomains, no preload

    [Fact]
    public async Task Over_https_a_person_signs_in_on_http2_with_the_smtp_certificate_secure_cookies_and_hsts()
    {
        var httpsPort = KakuninProcess.FreePort();
        await using var server = await KakuninProcess.StartAsync(extraArgs: ["--https-port", Port(httpsPort)]);
        using var web = new WebSignIn(new Uri($"https://{Host}:{Port(httpsPort)}"), IPAddress.Loopback, new IPEndPoint(IPAddress.Loopback, httpsPort), HttpVersion.Version20);

        using (var login = await web.GetAsync("/login"))
        {
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
            Assert.Equal(HttpVersion.Version20, login.Version);
            Assert.Equal(OneYear, Assert.Single(login.Headers.GetValues("Strict-Transport-Security")));
        }

        // The same certificate as SMTP's implicit TLS listener: one source for both (SmtpServerOptions.CertificateFor).
        var smtpCertificate = await SmtpTlsCertificateAsync(server.SubmissionTlsPort);
        Assert.Equal(smtpCertificate.Thumbprint, web.ServerCertificate?.Thumbprint);
        Assert.Contains($"CN={Host}", web.ServerCertificate?.Subject, StringComparison.Ordinal);

        // Choosing Japanese on the sign-in page, signing in, reading the Inbox and signing out: every cookie Secure.
        using (var language = await web.PostFormAsync("/login", "/language", new Dictionary<string, string> { ["lang"] = "ja", ["returnUrl"] = "/login" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, language.StatusCode);
        }

        using (var signIn = await web.PostAsync(ServerFixture.Alice, KakuninProcess.Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            Assert.Equal("/mail/Inbox", signIn.Headers.Location?.OriginalString);
            Assert.Equal(HttpVersion.Version20, signIn.Version);
        }

        using (var inbox = await web.GetAsync("/mail/Inbox"))
        {
            Assert.Equal(HttpStatusCode.OK, inbox.StatusCode);
            Assert.Equal(OneYear, Assert.Single(inbox.Headers.GetValues("Strict-Transport-Security")));
        }

        using (var signOut = await web.PostFormAsync("/logout", "/logout"))
        {
            Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        }

        var cookies = SetCookie.ParseAll(web.SetCookieHeaders, "kakunin-lang", "kakunin-antiforgery", "kakunin-session");
        Assert.All(cookies, c => Assert.True(c.Secure, $"{c.Name} without Secure: {string.Join('\n', web.SetCookieHeaders)}"));
        Assert.All(cookies, c => Assert.True(c.HttpOnly, $"{c.Name} without HttpOnly"));
        Assert.All(cookies.Where(c => c.Name is "kakunin-session" or "kakunin-lang"), c => Assert.Equal("lax", c.SameSite));
        Assert.All(cookies.Where(c => c.Name == "kakunin-antiforgery"), c => Assert.Equal("strict", c.SameSite));
        // The sign-out is a cookie too (an expired one), and also Secure.
        Assert.True(cookies.Count(c => c.Name == "kakunin-session") >= 2, string.Join('\n', web.SetCookieHeaders));
    }

    [Fact]
    public async Task Openssl_negotiates_h2_and_http_1_1_by_alpn_and_is_shown_the_host_certificate()
    {
        var httpsPort = KakuninProcess.FreePort();
        await using var server = await KakuninProcess.StartAsync(extraArgs: ["--https-port", Port(httpsPort)]);
        foreach (var protocol in new[] { "h2", "http/1.1" })
        {
            var (code, output) = await ExternalClient.RunAsync("openssl",
                ["s_client", "-connect", $"127.0.0.1:{Port(httpsPort)}", "-servername", Host, "-alpn", protocol]);
            Assert.True(code == 0, output);
            Assert.Contains($"ALPN protocol: {protocol}", output, StringComparison.Ordinal);
            Assert.Contains($"CN = {Host}", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Plain_http_redirects_to_the_configured_public_name_never_the_host_header_and_leaves_health_metrics_and_acme_alone()
    {
        var httpsPort = KakuninProcess.FreePort();
        await using var server = await KakuninProcess.StartAsync(extraArgs: ["--https-port", Port(httpsPort)], environment: new Dictionary<string, string>
        {
            ["KAKUNIN__WEB__PUBLICHOST"] = "webmail.example.test",
            ["KAKUNIN__WEB__PUBLICHTTPSPORT"] = "443",
        });
        using var web = new WebSignIn(server.HttpPort, IPAddress.Loopback);

        // RFC 9110 §15.4.2 (301) for GET and HEAD; §15.4.9 (308) keeps the method and body of a POST.
        (HttpMethod Method, HttpStatusCode Status)[] cases = [(HttpMethod.Get, HttpStatusCode.MovedPermanently), (HttpMethod.Head, HttpStatusCode.MovedPermanently), (HttpMethod.Post, HttpStatusCode.PermanentRedirect)];
        foreach (var (method, status) in cases)
        {
            using var request = new HttpRequestMessage(method, "/mail/Inbox?page=2&q=a%20b");
            request.Headers.Host = "attacker.example";
            using var response = await web.SendAsync(request);
            Assert.Equal(status, response.StatusCode);
            // The configured name and port (443 left out, RFC 9110 §4.2.2), the same path and query; never the Host sent.
            Assert.Equal("https://webmail.example.test/mail/Inbox?page=2&q=a%20b", response.Headers.Location?.OriginalString);
            Assert.False(response.Headers.Contains("Strict-Transport-Security"), "HSTS over plain HTTP (RFC 6797 §7.2)");
            Assert.False(response.Headers.Contains("Set-Cookie"));
        }

        // Not redirected: monitoring and the ACME HTTP-01 token path (RFC 8555 §8.3).
        using (var health = await web.GetAsync("/health"))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.False(health.Headers.Contains("Strict-Transport-Security"));
        }

        using (var metrics = await web.GetAsync("/metrics"))
        {
            Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        }

        using (var challenge = await web.GetAsync("/.well-known/acme-challenge/some-token"))
        {
            // Answered here over plain HTTP (with no token handler yet, by the sign-in page's redirect), not sent to https.
            Assert.NotEqual(HttpStatusCode.MovedPermanently, challenge.StatusCode);
            Assert.DoesNotContain("https://", challenge.Headers.Location?.OriginalString ?? string.Empty, StringComparison.Ordinal);
        }

        // Only whole path segments are exempt: /healthz is a page like any other.
        using (var lookalike = await web.GetAsync("/healthz"))
        {
            Assert.Equal(HttpStatusCode.MovedPermanently, lookalike.StatusCode);
        }

        // Over HTTPS nothing redirects, and HSTS is there for the public name.
        using var secure = new WebSignIn(new Uri($"https://webmail.example.test:{Port(httpsPort)}"), IPAddress.Loopback, new IPEndPoint(IPAddress.Loopback, httpsPort));
        using var page = await secure.GetAsync("/login");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(OneYear, Assert.Single(page.Headers.GetValues("Strict-Transport-Security")));
    }

    [Fact]
    public async Task Without_https_the_demo_serves_plain_http_cookies_without_secure_and_no_hsts_whatever_a_client_claims()
    {
        await using var server = await KakuninProcess.StartAsync();
        using var web = new WebSignIn(new Uri($"http://{Host}:{Port(server.HttpPort)}"), IPAddress.Loopback, new IPEndPoint(IPAddress.Loopback, server.HttpPort));
        // No proxy is trusted by default: a client's own X-Forwarded-Proto changes nothing.
        web.Headers.Add("X-Forwarded-Proto", "https");
        using (var login = await web.GetAsync("/login"))
        {
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
            Assert.False(login.Headers.Contains("Strict-Transport-Security"));
        }

        using (var signIn = await web.PostAsync(ServerFixture.Alice, KakuninProcess.Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            Assert.Equal("/mail/Inbox", signIn.Headers.Location?.OriginalString);
        }

        var cookies = SetCookie.ParseAll(web.SetCookieHeaders, "kakunin-antiforgery", "kakunin-session");
        Assert.All(cookies, c => Assert.False(c.Secure, $"{c.Name} is Secure on plain HTTP: the browser would drop it"));
        Assert.All(cookies, c => Assert.True(c.HttpOnly));
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    private static async Task<X509Certificate2> SmtpTlsCertificateAsync(int port)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        X509Certificate2? seen = null;
        await using var tls = new SslStream(client.GetStream(), false, (_, certificate, _, _) =>
        {
            seen = certificate is null ? null : X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
            return true;
        });
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = Host });
        return seen ?? throw new InvalidOperationException("no certificate on the implicit TLS port");
    }
}
