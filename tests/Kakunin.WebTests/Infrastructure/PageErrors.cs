using Microsoft.Playwright;

namespace Kakunin.WebTests.Infrastructure;

/// <summary>
/// Collects what the browser complains about on a page: script errors and console errors, which include every
/// Content-Security-Policy violation ("Refused to apply inline style…"). A page of ours should cause none.
/// </summary>
public sealed class PageErrors
{
    private readonly List<string> _errors = [];

    public PageErrors(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                Add($"console: {message.Text}");
            }
        };
        page.PageError += (_, error) => Add($"script: {error}");
    }

    public IReadOnlyList<string> All
    {
        get
        {
            lock (_errors)
            {
                return [.. _errors];
            }
        }
    }

    private void Add(string error)
    {
        lock (_errors)
        {
            _errors.Add(error);
        }
    }
}
