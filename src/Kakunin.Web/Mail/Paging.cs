namespace Kakunin.Web.Mail;

/// <summary>
/// Which page links a folder shows: the first and last page, and the pages next to the current one, with gaps
/// (null) between — "1 … 4 5 6 … 25" — so the list stays short for a folder of any size.
/// </summary>
public static class Paging
{
    public static IReadOnlyList<int?> Links(int current, int pageCount, int around = 2)
    {
        if (pageCount <= 1)
        {
            return [];
        }

        current = Math.Clamp(current, 1, pageCount);
        var pages = new SortedSet<int> { 1, pageCount };
        for (var page = Math.Max(1, current - around); page <= Math.Min(pageCount, current + around); page++)
        {
            pages.Add(page);
        }

        var links = new List<int?>();
        var previous = 0;
        foreach (var page in pages)
        {
            if (page > previous + 1)
            {
                links.Add(null);
            }

            links.Add(page);
            previous = page;
        }

        return links;
    }

    /// <summary>The 1-based positions of the first and last message on a page ("1–50 of 1,234").</summary>
    public static (long First, long Last) Range(int page, int pageSize, long total, int itemsOnPage) =>
        itemsOnPage == 0 ? (0, 0) : ((long)(page - 1) * pageSize + 1, (long)(page - 1) * pageSize + itemsOnPage);
}
