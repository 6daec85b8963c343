using System.Globalization;

namespace Kakunin.Web.Mail;

/// <summary>The webmail's mail URLs, in one place (the pages' routes must agree with these).</summary>
public static class MailUrls
{
    public static string Folder(string folder) => "/mail/" + Uri.EscapeDataString(folder);

    /// <summary>
    /// The folder a route's {folder} names. A nested folder ("Projects/2024", created over IMAP) is linked as
    /// Projects%2F2024; the server decodes every escape in a path but %2F (it would split the segment), so that one is
    /// decoded here.
    /// </summary>
    public static string FolderFromRoute(string folder) => folder.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);

    public static string Message(string folder, long id) => Folder(folder) + "/" + id.ToString(CultureInfo.InvariantCulture);

    public static string Body(string folder, long id, bool images) => Message(folder, id) + "/body" + (images ? "?images=1" : string.Empty);

    public static string Part(string folder, long id, int index) => Message(folder, id) + "/part/" + index.ToString(CultureInfo.InvariantCulture);

    public static string EditDraft(long id) => "/compose?draft=" + id.ToString(CultureInfo.InvariantCulture);

    public static string Reply(long id, string kind) => "/compose?reply=" + id.ToString(CultureInfo.InvariantCulture) + "&kind=" + kind;
}
