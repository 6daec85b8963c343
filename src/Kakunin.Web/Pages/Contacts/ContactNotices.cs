namespace Kakunin.Web.Pages.Contacts;

/// <summary>The <c>?notice=</c> values of the contacts list, each one fixed sentence.</summary>
public static class ContactNotices
{
    public const string Added = "added";
    public const string Updated = "updated";
    public const string Deleted = "deleted";
    public const string Kept = "kept";
    public const string Forgotten = "forgotten";

    /// <summary>The list, with a notice and the search kept when there was one.</summary>
    public static string ListUrl(string? notice, string? query)
    {
        var parts = new List<string>();
        if (notice is not null)
        {
            parts.Add("notice=" + notice);
        }

        if (!string.IsNullOrWhiteSpace(query))
        {
            parts.Add("q=" + Uri.EscapeDataString(query));
        }

        return "/contacts" + (parts.Count == 0 ? string.Empty : "?" + string.Join('&', parts));
    }
}
