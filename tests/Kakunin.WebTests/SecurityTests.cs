using System.Reflection;
using System.Text.RegularExpressions;
using Kakunin.WebTests.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Kakunin.WebTests;

/// <summary>Antiforgery, the sign-in wall and the security headers, checked on the wire.</summary>
public sealed class SecurityTests(WebFixture web)
{
    [Fact]
    public async Task Posts_without_the_antiforgery_token_are_refused()
    {
        var (context, page) = await web.NewPageAsync();
        await using var _ = context;
        var request = context.APIRequest;
        var options = new APIRequestContextOptions
        {
            Form = request.CreateFormData().Set("Address", WebServer.Alice).Set("Password", Kakunin.IntegrationTests.KakuninProcess.Password),
            MaxRedirects = 0,
        };

        Assert.Equal(400, (await request.PostAsync("/login", options)).Status);
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "kakunin-session");
        Assert.Equal(400, (await request.PostAsync("/language", new() { Form = request.CreateFormData().Set("lang", "ja"), MaxRedirects = 0 })).Status);
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "kakunin-lang");

        // Signed in, with the antiforgery cookie in the jar, a POST that lacks the form token still fails:
        // the token must come from our own page (double submit).
        await WebServer.SignInAsync(page, WebServer.Alice);
        Assert.Contains(await context.CookiesAsync(), c => c.Name == "kakunin-antiforgery");
        Assert.Equal(400, (await request.PostAsync("/logout", new() { Form = request.CreateFormData().Set("x", "y"), MaxRedirects = 0 })).Status);
        await page.GotoAsync("/mail/Inbox");
        await Expect(page.Locator(".account-address")).ToHaveTextAsync(WebServer.Alice);
    }

    [Fact]
    public void No_page_turns_antiforgery_validation_off()
    {
        var web = typeof(Kakunin.Web.KakuninServer).Assembly;
        var offenders = web.GetTypes()
            .SelectMany(type => new MemberInfo[] { type }.Concat(type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.DeclaredOnly)))
            .Where(member => member.IsDefined(typeof(IgnoreAntiforgeryTokenAttribute), inherit: true))
            .Select(member => member is Type t ? t.FullName : $"{member.DeclaringType?.FullName}.{member.Name}")
            .ToList();
        Assert.Empty(offenders);
    }

    [Theory]
    [InlineData("/", 302)]
    [InlineData("/mail/Inbox", 302)]
    [InlineData("/logout", 302)]
    [InlineData("/login", 200)]
    [InlineData("/health", 200)]
    [InlineData("/metrics", 200)]
    [InlineData("/assets/kakunin.css", 200)]
    [InlineData("/assets/kakunin.js", 200)]
    public async Task Only_sign_in_health_metrics_and_assets_are_open_without_signing_in(string path, int status)
    {
        var (context, _) = await web.NewPageAsync();
        await using var __ = context;
        var response = await context.APIRequest.GetAsync(path, new() { MaxRedirects = 0 });
        Assert.Equal(status, response.Status);
        if (status == 302)
        {
            Assert.StartsWith("/login?returnUrl=", new Uri(response.Headers["location"]).PathAndQuery, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Html_carries_the_security_headers_and_our_pages_break_none_of_them()
    {
        var (context, page) = await web.NewPageAsync();
        await using var _ = context;
        var errors = new PageErrors(page);

        var response = await page.GotoAsync("/login");
        var headers = response!.Headers;
        var csp = headers["content-security-policy"];
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", headers["x-content-type-options"]);
        Assert.Equal("no-referrer", headers["referrer-policy"]);
        Assert.Equal("no-store", headers["cache-control"]);

        await WebServer.SignInAsync(page, WebServer.Alice);
        await page.GetByRole(AriaRole.Link, new() { Name = "Receipts" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/mail/Receipts$"));
        await page.GotoAsync("/logout");
        Assert.Empty(errors.All);
    }

    [Fact]
    public async Task Assets_are_versioned_and_cached_for_a_year()
    {
        var (context, page) = await web.NewPageAsync();
        await using var _ = context;
        await page.GotoAsync("/login");
        var href = await page.Locator("link[rel=stylesheet]").GetAttributeAsync("href");
        Assert.Matches("^/assets/kakunin\\.css\\?v=[0-9a-f]{12}$", href);

        var current = await context.APIRequest.GetAsync(href!);
        Assert.Equal(200, current.Status);
        Assert.StartsWith("text/css", current.Headers["content-type"], StringComparison.Ordinal);
        Assert.Equal("public, max-age=31536000, immutable", current.Headers["cache-control"]);
        Assert.Contains(".sidebar", await current.TextAsync(), StringComparison.Ordinal);

        var revalidated = await context.APIRequest.GetAsync(href!, new() { Headers = new Dictionary<string, string> { ["If-None-Match"] = current.Headers["etag"] } });
        Assert.Equal(304, revalidated.Status);

        var stale = await context.APIRequest.GetAsync("/assets/kakunin.css?v=000000000000");
        Assert.Equal("no-cache", stale.Headers["cache-control"]);
        Assert.Equal(404, (await context.APIRequest.GetAsync("/assets/missing.css")).Status);
    }
}
