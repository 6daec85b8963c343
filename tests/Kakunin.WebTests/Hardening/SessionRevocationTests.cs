using System.Net;
using Kakunin.IntegrationTests;
using Kakunin.IntegrationTests.Hardening;
using Kakunin.WebTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Kakunin.WebTests.Hardening;

/// <summary>
/// Sessions are revoked on the server (issue 8, item 6): a copy of the session cookie stops working once its owner
/// signs out, and "sign out everywhere" ends every session of the user. Plain HTTP clients where no browser is
/// needed; the button itself through the browser, in both languages.
/// </summary>
public sealed class SessionRevocationTests(WebFixture web)
{
    private const string Inbox = "/mail/Inbox";

    [Fact]
    public async Task A_copied_cookie_stops_working_when_its_owner_signs_out()
    {
        var server = web.Server.Process;
        using var owner = new WebSignIn(server.HttpPort, IPAddress.Loopback);
        using (var signedIn = await owner.PostAsync(WebServer.Alice, KakuninProcess.Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }

        // The thief's copy works while the session lasts...
        using var thief = CopyOf(owner, server.HttpPort);
        using (var before = await thief.GetAsync(Inbox))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        // ...and not after the owner signs out (the owner's browser dropping its cookie is not enough).
        using (var signedOut = await owner.PostFormAsync("/logout", "/logout"))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        }

        using var after = await thief.GetAsync(Inbox);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Equal("/login", after.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task Sign_out_everywhere_ends_every_session_of_the_user_and_nobody_elses()
    {
        var server = web.Server.Process;
        using var laptop = await SignedInAsync(server.HttpPort, WebServer.Bob);
        using var phone = await SignedInAsync(server.HttpPort, WebServer.Bob);
        using var stolen = CopyOf(phone, server.HttpPort);
        using var alice = await SignedInAsync(server.HttpPort, WebServer.Alice);

        using (var everywhere = await laptop.PostFormAsync("/settings", "/logout?handler=Everywhere"))
        {
            Assert.Equal(HttpStatusCode.Redirect, everywhere.StatusCode);
        }

        foreach (var client in new[] { laptop, phone, stolen })
        {
            using var response = await client.GetAsync(Inbox);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        using (var others = await alice.GetAsync(Inbox))
        {
            Assert.Equal(HttpStatusCode.OK, others.StatusCode);
        }

        // Signing in again afterwards works as usual.
        using var again = await SignedInAsync(server.HttpPort, WebServer.Bob);
        using var inbox = await again.GetAsync(Inbox);
        Assert.Equal(HttpStatusCode.OK, inbox.StatusCode);
    }

    [Theory]
    [InlineData("en-GB", "Sign out everywhere")]
    [InlineData("ja-JP", "すべての端末からサインアウト")]
    public async Task The_settings_page_has_the_button_in_the_readers_language_and_it_signs_out_other_browsers(string locale, string button)
    {
        var (other, otherPage) = await web.Server.SignInNewAsync(web.Browser, WebServer.Bob, new() { Locale = locale });
        await using (other)
        {
            var (context, page) = await web.Server.SignInNewAsync(web.Browser, WebServer.Bob, new() { Locale = locale });
            await using (context)
            {
                await page.GotoAsync("/settings");
                await page.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync();
                await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login"));
            }

            await otherPage.GotoAsync(Inbox);
            await Expect(otherPage).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login"));
        }
    }

    private static async Task<WebSignIn> SignedInAsync(int port, string address)
    {
        var client = new WebSignIn(port, IPAddress.Loopback);
        using var response = await client.PostAsync(address, KakuninProcess.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>Another client holding a copy of <paramref name="source"/>'s session cookie, as a thief would.</summary>
    private static WebSignIn CopyOf(WebSignIn source, int port)
    {
        var copy = new WebSignIn(port, IPAddress.Loopback);
        foreach (System.Net.Cookie cookie in source.Cookies.GetAllCookies())
        {
            if (cookie.Name == "kakunin-session")
            {
                copy.Cookies.Add(new System.Net.Cookie(cookie.Name, cookie.Value, "/", "127.0.0.1"));
            }
        }

        Assert.Single(copy.Cookies.GetAllCookies());
        return copy;
    }
}
