using System.Globalization;
using System.Net;
using Kakunin.IntegrationTests.Hardening;
using Kakunin.IntegrationTests.Peers;

namespace Kakunin.IntegrationTests.Web;

/// <summary>
/// Kakunin behind a real nginx and a real Caddy that terminate TLS (docs/reverse-proxy.md), started by the tests on
/// loopback. Forwarded headers are believed only from the configured proxy: then the sign-in limit (the shipped
/// 20 failures per address) counts the client the proxy names, the log names that client for fail2ban, cookies are
/// Secure and HSTS is sent (the proxy says https), and nothing loops. A client talking to Kakunin itself with a
/// forged X-Forwarded-For is counted by its own address. Each test has a server of its own, so no count leaks.
/// </summary>
public sealed class ReverseProxyTests
{
    private const string Wrong = "not the password";

    /// <summary>nginx connects to Kakunin from this address (proxy_bind); no test client uses it.</summary>
    private static readonly IPAddress NginxAddress = IPAddress.Parse("127.0.0.44");

    [Fact]
    public async Task Through_nginx_a_person_signs_in_with_secure_cookies_and_hsts_and_metrics_see_the_real_client()
    {
        // A configuration that lets the proxy's own address read /metrics: through the proxy, the real client is asked.
        await using var server = await KakuninProcess.StartAsync(extraArgs: ["--trusted-proxies", NginxAddress.ToString(), "--metrics-networks", $"{NginxAddress}/32"]);
        await using var nginx = await NginxProxy.StartAsync(server.HttpPort, NginxAddress);
        using var person = ThroughProxy(nginx, "127.0.0.21");

        using (var signIn = await person.PostAsync(ServerFixture.Alice, KakuninProcess.Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            Assert.Equal("/mail/Inbox", signIn.Headers.Location?.OriginalString);
            Assert.Equal(HttpVersion.Version20, signIn.Version);
        }

        using (var inbox = await person.GetAsync("/mail/Inbox"))
        {
            Assert.Equal(HttpStatusCode.OK, inbox.StatusCode);
            // Kakunin's HTTPS listener is off: HSTS and Secure come from X-Forwarded-Proto: https, sent by the trusted nginx.
            Assert.Equal("max-age=31536000", Assert.Single(inbox.Headers.GetValues("Strict-Transport-Security")));
        }

        var cookies = SetCookie.ParseAll(person.SetCookieHeaders, "kakunin-antiforgery", "kakunin-session");
        Assert.All(cookies, c => Assert.True(c.Secure, $"{c.Name} without Secure behind the proxy: {string.Join('\n', person.SetCookieHeaders)}"));

        using (var metrics = await person.GetAsync("/metrics"))
        {
            Assert.Equal(HttpStatusCode.NotFound, metrics.StatusCode);
        }

        using var proxyItself = new WebSignIn(server.HttpPort, NginxAddress);
        using (var metrics = await proxyItself.GetAsync("/metrics"))
        {
            Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        }
    }

    [Fact]
    public async Task Behind_nginx_the_sign_in_limit_refuses_the_client_nginx_names_and_nobody_else_and_https_does_not_loop()
    {
        // Kakunin's own HTTPS listener on too: requests that came over HTTPS to nginx must not be redirected again.
        await using var server = await KakuninProcess.StartAsync(
            extraArgs: ["--trusted-proxies", NginxAddress.ToString(), "--https-port", KakuninProcess.FreePort().ToString(CultureInfo.InvariantCulture)],
            environment: AuthGuessingTests.QuickFailures);
        await using var nginx = await NginxProxy.StartAsync(server.HttpPort, NginxAddress);

        // The guesser also sends an X-Forwarded-For of its own; nginx appends the address it sees, the one Kakunin counts.
        using (var guesser = ThroughProxy(nginx, "127.0.0.22"))
        {
            guesser.Headers.Add("X-Forwarded-For", "127.0.0.99");
            using (var page = await guesser.GetAsync("/login"))
            {
                Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            }

            await SprayAsync(guesser);
            using var refused = await guesser.PostAsync(ServerFixture.Alice, KakuninProcess.Password);
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        }

        // Everyone else comes through the same nginx, and is not refused: not its address, not the forged one.
        foreach (var (from, user) in new[] { ("127.0.0.23", ServerFixture.Alice), ("127.0.0.99", ServerFixture.Bob) })
        {
            using var person = ThroughProxy(nginx, from);
            using var signIn = await person.PostAsync(user, KakuninProcess.Password);
            Assert.True(signIn.StatusCode == HttpStatusCode.Redirect, $"{user} from {from}: {(int)signIn.StatusCode}\n{server.Log}");
        }

        // fail2ban reads the refused client's real address from the log, never the proxy's.
        await server.WaitForAsync(() => Task.FromResult(server.Log.Contains("Authentication refused: client=127.0.0.22 service=web", StringComparison.Ordinal)), "the refusal of 127.0.0.22 in the log");
        Assert.DoesNotContain($"client={NginxAddress} ", server.Log, StringComparison.Ordinal);
        Assert.DoesNotContain("client=127.0.0.99 ", server.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Straight_to_kakunin_a_forged_x_forwarded_for_is_ignored_and_the_sender_is_refused_by_its_own_address()
    {
        var httpsPort = KakuninProcess.FreePort();
        await using var server = await KakuninProcess.StartAsync(
            extraArgs: ["--trusted-proxies", NginxAddress.ToString(), "--https-port", httpsPort.ToString(CultureInfo.InvariantCulture)],
            environment: AuthGuessingTests.QuickFailures);
        var kakunin = new IPEndPoint(IPAddress.Loopback, httpsPort);
        using (var forger = new WebSignIn(new Uri($"https://mx.example.test:{httpsPort}"), IPAddress.Parse("127.0.0.30"), kakunin))
        {
            // A new made-up client address for every attempt: were it believed, no address would ever reach its limit.
            for (var i = 0; i < 20; i++)
            {
                Forge(forger, $"127.0.1.{i + 1}");
                using var wrong = await forger.PostAsync($"user{i}@example.test", Wrong);
                Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            }

            Forge(forger, "127.0.1.200");
            using var refused = await forger.PostAsync(ServerFixture.Alice, KakuninProcess.Password);
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        }

        using (var other = new WebSignIn(new Uri($"https://mx.example.test:{httpsPort}"), IPAddress.Parse("127.0.0.31"), kakunin))
        {
            using var signIn = await other.PostAsync(ServerFixture.Alice, KakuninProcess.Password);
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        }

        // Nor is a forged X-Forwarded-Proto believed: plain HTTP from an untrusted client still redirects.
        using (var plain = new WebSignIn(server.HttpPort, IPAddress.Parse("127.0.0.32")))
        {
            plain.Headers.Add("X-Forwarded-Proto", "https");
            plain.Headers.Add("X-Forwarded-For", "127.0.1.201");
            using var page = await plain.GetAsync("/login");
            Assert.Equal(HttpStatusCode.MovedPermanently, page.StatusCode);
        }

        Assert.Contains("Authentication refused: client=127.0.0.30 service=web", server.Log, StringComparison.Ordinal);
        Assert.DoesNotContain("client=127.0.1.", server.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Through_caddy_sign_in_works_with_secure_cookies_and_the_limit_refuses_the_client_caddy_names()
    {
        // Caddy 2.6 connects from 127.0.0.1 (no source-address setting): that is the trusted proxy here.
        await using var server = await KakuninProcess.StartAsync(extraArgs: ["--trusted-proxies", "127.0.0.1"], environment: AuthGuessingTests.QuickFailures);
        await using var caddy = await CaddyProxy.StartAsync(server.HttpPort);

        using (var guesser = ThroughProxy(caddy, "127.0.0.24"))
        {
            guesser.Headers.Add("X-Forwarded-For", "127.0.0.98");
            await SprayAsync(guesser);
            using var refused = await guesser.PostAsync(ServerFixture.Alice, KakuninProcess.Password);
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        }

        using var person = ThroughProxy(caddy, "127.0.0.98");
        using (var signIn = await person.PostAsync(ServerFixture.Alice, KakuninProcess.Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            Assert.Equal(HttpVersion.Version20, signIn.Version);
        }

        using (var inbox = await person.GetAsync("/mail/Inbox"))
        {
            Assert.Equal(HttpStatusCode.OK, inbox.StatusCode);
            Assert.Equal("max-age=31536000", Assert.Single(inbox.Headers.GetValues("Strict-Transport-Security")));
        }

        Assert.All(SetCookie.ParseAll(person.SetCookieHeaders, "kakunin-antiforgery", "kakunin-session"), c => Assert.True(c.Secure, c.Name));
        await server.WaitForAsync(() => Task.FromResult(server.Log.Contains("Authentication refused: client=127.0.0.24 service=web", StringComparison.Ordinal)), "the refusal of 127.0.0.24 in the log");
    }

    [Fact]
    public async Task Web_listen_keeps_the_webmail_on_its_own_address_while_smtp_listens_on_the_other()
    {
        // As behind a proxy on the same machine: SMTP on the outward address (127.0.0.2 here), the web on loopback only.
        await using var server = await KakuninProcess.StartAsync(extraArgs: ["--listen", "127.0.0.2", "--web-listen", "127.0.0.1"]);
        Assert.True(await AcceptsAsync("127.0.0.2", server.SmtpPort));
        Assert.False(await AcceptsAsync("127.0.0.1", server.SmtpPort));
        Assert.True(await AcceptsAsync("127.0.0.1", server.HttpPort));
        Assert.False(await AcceptsAsync("127.0.0.2", server.HttpPort));
        await server.WaitForAsync(() => Task.FromResult(server.Log.Contains($"Listening on 127.0.0.1:{server.HttpPort}: HTTP", StringComparison.Ordinal)), "the web listener's line");
        Assert.Contains($"Listening on 127.0.0.2:{server.SmtpPort}: SMTP", server.Log, StringComparison.Ordinal);
    }

    private static async Task<bool> AcceptsAsync(string address, int port)
    {
        using var client = new System.Net.Sockets.TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Parse(address), port);
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    /// <summary>A client at <paramref name="from"/> talking to the proxy over HTTPS (HTTP/2 where offered) as mx.example.test.</summary>
    private static WebSignIn ThroughProxy(ReverseProxy proxy, string from) =>
        new(proxy.BaseAddress, IPAddress.Parse(from), proxy.Endpoint, HttpVersion.Version20);

    /// <summary>One wrong password at each of 20 accounts: the shipped per-address limit (docs/security.md).</summary>
    private static async Task SprayAsync(WebSignIn guesser)
    {
        for (var i = 0; i < 20; i++)
        {
            using var wrong = await guesser.PostAsync($"user{i}@example.test", Wrong);
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }
    }

    private static void Forge(WebSignIn client, string address)
    {
        client.Headers.Remove("X-Forwarded-For");
        client.Headers.Add("X-Forwarded-For", address);
    }
}
