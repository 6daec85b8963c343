using Kakunin.IntegrationTests;
using Kakunin.WebTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Kakunin.WebTests;

/// <summary>
/// The sign-in side of the shared password throttle (10 failures per account) on a server of its own, so that the
/// other tests' sign-ins, all from 127.0.0.1 too, neither count nor get refused. The SMTP side and the sharing are
/// tested in Kakunin.IntegrationTests (Hardening/AuthGuessingTests).
/// </summary>
public sealed class RateLimitTests(WebFixture web, RateLimitedServerFixture limited) : IClassFixture<RateLimitedServerFixture>
{
    [Fact]
    public async Task After_ten_wrong_passwords_even_the_right_one_is_refused_with_429_and_a_message_in_the_readers_language()
    {
        var server = limited.Server;
        var context = await server.NewContextAsync(web.Browser);
        await using (context)
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync("/login");
            for (var attempt = 1; attempt <= 10; attempt++)
            {
                var response = await WebServer.SubmitSignInAsync(page, WebServer.Alice, $"wrong {attempt}");
                Assert.Equal(200, response.Status);
                await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Wrong address or password.");
            }

            // The right password does not help once the limit is reached: nothing is checked.
            var refused = await WebServer.SubmitSignInAsync(page, WebServer.Alice, KakuninProcess.Password);
            Assert.Equal(429, refused.Status);
            Assert.InRange(int.Parse(await refused.HeaderValueAsync("retry-after") ?? "0", System.Globalization.CultureInfo.InvariantCulture), 800, 900); // 15 minutes
            await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Too many failed sign-in attempts");
            await Expect(page.Locator("#password")).ToBeVisibleAsync();
            Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "kakunin-session");
        }

        // Another browser is refused too (the account is), and told so in its own language.
        var japanese = await server.NewContextAsync(web.Browser, new() { Locale = "ja-JP" });
        await using (japanese)
        {
            var page = await japanese.NewPageAsync();
            await page.GotoAsync("/login");
            var refused = await WebServer.SubmitSignInAsync(page, WebServer.Alice, KakuninProcess.Password);
            Assert.Equal(429, refused.Status);
            await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("サインインの失敗が多すぎます");
        }

        // Bob, from the same address (10 failures there, below its limit of 20), signs in as usual.
        var bob = await server.NewContextAsync(web.Browser);
        await using (bob)
        {
            var page = await bob.NewPageAsync();
            await WebServer.SignInAsync(page, WebServer.Bob);
        }
    }
}
