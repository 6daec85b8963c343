using Microsoft.Playwright;

namespace Kakunin.WebTests.Infrastructure;

/// <summary>
/// Saves what a test sees to docs/screenshots/NAME.png for the docs and README, only when KAKUNIN_SCREENSHOTS=1:
/// a normal test run never writes into the repository.
/// </summary>
public static class Screenshots
{
    public const string Variable = "KAKUNIN_SCREENSHOTS";

    public static bool Enabled => Environment.GetEnvironmentVariable(Variable) == "1";

    public static async Task SaveAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (!Enabled)
        {
            return;
        }

        var folder = Path.Combine(RepositoryRoot(), "docs", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), Animations = ScreenshotAnimations.Disabled });
    }

    /// <summary>The folder of Kakunin.slnx above the test binaries.</summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Kakunin.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Kakunin.slnx not found above " + AppContext.BaseDirectory);
    }
}
