using System.Text.Json;
using Microsoft.Playwright;

namespace Kakunin.WebTests.Infrastructure;

/// <summary>
/// Runs axe-core (Deque's accessibility engine, the npm package; tests/peers/axe, installed with <c>npm ci</c> as .ci/run
/// does) on a page: its axe.min.js is added as a script tag and <c>axe.run()</c> checks the WCAG 2.0/2.1 A and AA rules
/// and axe's best practices. The page's Content-Security-Policy forbids such a script, so the page's context must be
/// made with <c>BypassCSP = true</c> (<see cref="ContextOptions"/>); use other tests for the policy itself.
/// </summary>
public static class Axe
{
    private static readonly string ScriptPath = Path.Combine(Screenshots.RepositoryRoot(), "tests", "peers", "axe", "node_modules", "axe-core", "axe.min.js");

    /// <summary>The options of a context whose pages axe may check.</summary>
    public static BrowserNewContextOptions ContextOptions(string locale, int width, int height = 800) => new()
    {
        Locale = locale,
        ViewportSize = new() { Width = width, Height = height },
        IsMobile = width < 700,
        HasTouch = width < 700,
        BypassCSP = true,
    };

    /// <summary>The serious and critical violations on the page as it is now: "rule: what (element, element…)".</summary>
    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (!File.Exists(ScriptPath))
        {
            throw new InvalidOperationException($"{ScriptPath} is missing: run `npm ci` in tests/peers/axe (.ci/run does)");
        }

        await page.AddScriptTagAsync(new() { Path = ScriptPath });
        var json = await page.EvaluateAsync<string>("""
            async () => {
                const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
                return JSON.stringify(result.violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => v.id + ': ' + v.help + ' (' + v.nodes.slice(0, 5).map(n => n.target.join(' ') + (n.failureSummary ? ' — ' + n.failureSummary.replace(/\s+/g, ' ') : '')).join('; ') + ')'));
            }
            """);
        return JsonSerializer.Deserialize<string[]>(json) ?? [];
    }
}
