using System.Net;

namespace Kakunin.IntegrationTests.Hardening;

/// <summary>
/// Password guessing against a real <c>kakunin serve</c> (issue 8, item 4): one throttle for SMTP AUTH on all three
/// listeners and the webmail sign-in, per account and per source address, with the shipped limits (10 failures
/// per account, 20 per address, docs/security.md); only the failure delay is shortened so the test runs quickly.
/// Each test has a server of its own, so no count leaks between tests; sources are distinct loopback addresses.
/// </summary>
public sealed class AuthGuessingTests
{
    private const string Wrong = "not the password";

    // The shipped limits; only the answer delay shortened (the default starts at 2 s and doubles up to 15 s).
    internal static readonly Dictionary<string, string> QuickFailures = new()
    {
        ["KAKUNIN__AUTHTHROTTLE__FAILUREDELAY"] = "00:00:00.010",
        ["KAKUNIN__AUTHTHROTTLE__MAXFAILUREDELAY"] = "00:00:00.050",
    };

    private static readonly IPAddress Guesser = IPAddress.Parse("127.0.0.2");
    private static readonly IPAddress Owner = IPAddress.Parse("127.0.0.3");

    [Fact]
    public async Task Guessing_across_reconnections_and_all_three_ports_ends_in_454_even_for_the_right_password()
    {
        await using var server = await KakuninProcess.StartAsync(environment: QuickFailures);
        (int Port, bool Tls)[] listeners = [(server.SubmissionTlsPort, true), (server.SubmissionPort, false), (server.SmtpPort, false)];

        // Ten wrong passwords, each on a new connection, rotating over the listeners: each one 535 5.7.8 (RFC 4954 §6).
        for (var i = 0; i < 10; i++)
        {
            var (port, tls) = listeners[i % listeners.Length];
            Assert.StartsWith("535 5.7.8", await AuthProbe.AuthPlainAsync(port, tls, ServerFixture.Alice, Wrong, Guesser), StringComparison.Ordinal);
        }

        // Now refused for now (454 4.7.0), the right password too, on every port and from another address: guessing gains nothing.
        foreach (var (port, tls) in listeners)
        {
            Assert.StartsWith("454 4.7.0", await AuthProbe.AuthPlainAsync(port, tls, ServerFixture.Alice, KakuninProcess.Password, Guesser), StringComparison.Ordinal);
        }

        Assert.StartsWith("454 4.7.0", await AuthProbe.AuthPlainAsync(server.SubmissionTlsPort, true, ServerFixture.Alice, KakuninProcess.Password, Owner), StringComparison.Ordinal);

        // Another user is unaffected, even from the guesser's address (10 failures there, below its limit of 20).
        Assert.StartsWith("235", await AuthProbe.AuthPlainAsync(server.SubmissionTlsPort, true, ServerFixture.Bob, KakuninProcess.Password, Guesser), StringComparison.Ordinal);
        Assert.StartsWith("235", await AuthProbe.AuthPlainAsync(server.SubmissionPort, false, ServerFixture.Bob, KakuninProcess.Password, Owner), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Smtp_guessing_locks_the_webmail_sign_in_and_webmail_guessing_locks_smtp()
    {
        await using var server = await KakuninProcess.StartAsync(environment: QuickFailures);

        // SMTP guesses at Alice from one address; then Alice's right password on the web from another: 429.
        for (var i = 0; i < 10; i++)
        {
            Assert.StartsWith("535 5.7.8", await AuthProbe.AuthPlainAsync(server.SubmissionTlsPort, true, ServerFixture.Alice, Wrong, IPAddress.Parse("127.0.0.4")), StringComparison.Ordinal);
        }

        using (var web = new WebSignIn(server.HttpPort, IPAddress.Parse("127.0.0.5")))
        {
            using var refused = await web.PostAsync(ServerFixture.Alice, KakuninProcess.Password);
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            var retryAfter = int.Parse(Assert.Single(refused.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(retryAfter, 800, 900); // the 15-minute refusal, nearly whole
            Assert.Contains("Too many failed sign-in attempts", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.DoesNotContain(web.Cookies.GetAllCookies(), c => c.Name == "kakunin-session");
        }

        // The reverse: web guesses at Bob (200 with the error each time), then Bob's right password over SMTP: 454.
        using (var web = new WebSignIn(server.HttpPort, IPAddress.Parse("127.0.0.6")))
        {
            for (var i = 0; i < 10; i++)
            {
                using var wrong = await web.PostAsync(ServerFixture.Bob, Wrong);
                Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            }

            using var japanese = await web.PostAsync(ServerFixture.Bob, KakuninProcess.Password, "ja");
            Assert.Equal(HttpStatusCode.TooManyRequests, japanese.StatusCode);
            Assert.Contains("サインインの失敗が多すぎます", await japanese.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.StartsWith("454 4.7.0", await AuthProbe.AuthPlainAsync(server.SubmissionPort, false, ServerFixture.Bob, KakuninProcess.Password, IPAddress.Parse("127.0.0.7")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Spraying_many_accounts_from_one_address_refuses_that_address_and_nobody_else()
    {
        await using var server = await KakuninProcess.StartAsync(environment: QuickFailures);
        var sprayer = IPAddress.Parse("127.0.0.8");
        for (var i = 0; i < 20; i++)
        {
            Assert.StartsWith("535 5.7.8", await AuthProbe.AuthPlainAsync(server.SubmissionTlsPort, true, $"user{i}@example.test", Wrong, sprayer), StringComparison.Ordinal);
        }

        Assert.StartsWith("454 4.7.0", await AuthProbe.AuthPlainAsync(server.SubmissionTlsPort, true, ServerFixture.Alice, KakuninProcess.Password, sprayer), StringComparison.Ordinal);
        Assert.StartsWith("235", await AuthProbe.AuthPlainAsync(server.SubmissionTlsPort, true, ServerFixture.Alice, KakuninProcess.Password, IPAddress.Parse("127.0.0.9")), StringComparison.Ordinal);
    }
}
