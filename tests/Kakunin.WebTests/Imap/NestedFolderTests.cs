using System.Text;
using System.Text.RegularExpressions;
using Kakunin.IntegrationTests;
using Kakunin.WebTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Kakunin.WebTests.Imap;

/// <summary>
/// A folder an IMAP client made inside another ("Projects/2024") shows in the webmail's folder list under its
/// parent, by its last level, and opens with its mail, and a message in it opens (docs/imap-store.md).
/// </summary>
public sealed class NestedFolderTests(WebFixture web)
{
    [Fact]
    public async Task A_nested_folder_is_listed_under_its_parent_and_opens()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await KakuninProcess.StartAsync(environment: WebServer.LenientThrottle);
        await using (var store = await server.OpenStoreAsync())
        {
            var userId = (await store.Directory.FindUserIdAsync(WebServer.Bob, ct))!.Value;
            Assert.Equal(Kakunin.Store.Imap.FolderChangeResult.Done, await store.Imap.CreateFolderAsync(userId, "Projects/2024", ct));
            await store.Mailboxes.AppendAsync(
                WebServer.Bob, "Projects/2024",
                Encoding.ASCII.GetBytes("From: Alice <alice@other.test>\r\nTo: bob@example.test\r\nSubject: Budget 2024\r\nDate: Mon, 1 Jan 2024 10:00:00 +0000\r\n\r\nNumbers.\r\n"),
                string.Empty, DateTimeOffset.UtcNow, ct);
        }

        await using var context = await web.Browser.NewContextAsync(new() { BaseURL = $"http://127.0.0.1:{server.HttpPort}" });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await WebServer.SignInAsync(page, WebServer.Bob);

        var parent = page.Locator(".folder[data-folder='Projects']");
        var child = page.Locator(".folder[data-folder='Projects/2024']");
        await Expect(child).ToHaveAttributeAsync("data-depth", "1");
        await Expect(child.Locator(".folder-name")).ToHaveTextAsync("2024");
        var folders = await page.Locator(".folder").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.folder)");
        Assert.Equal(Array.IndexOf(folders, "Projects") + 1, Array.IndexOf(folders, "Projects/2024")); // right under its parent
        Assert.True((await child.BoundingBoxAsync())!.X >= (await parent.BoundingBoxAsync())!.X);

        await child.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/mail/Projects%2F2024$"));
        await page.GetByText("Budget 2024").First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/mail/Projects%2F2024/\d+$"));
        await Expect(page.Locator("#message-subject")).ToHaveTextAsync("Budget 2024");
    }
}
