using System.Globalization;

namespace Kakunin.Web.Mail;

/// <summary>The webmail's mail URLs, in one place (the pages' routes must agree with these).</summary>
public static class MailUrls
{
    public static string Folder(string folder) => "/mail/" + Uri.EscapeDataString(folder);

    public static string Message(string folder, long id) => Folder(folder) + "/" + id.ToString(CultureInfo.InvariantCulture);

    public static string Body(string folder, long id, bool images) => Message(folder, id) + "/body" + (images ? "?images=1" : string.Empty);

    public static string Part(string folder, long id, int index) => Message(folder, id) + "/part/" + index.ToString(CultureInfo.InvariantCulture);

    public static string EditDraft(long id) => "/compose?draft=" + id.ToString(CultureInfo.InvariantCulture);

    public static string Reply(long id, string kind) => "/compose?reply=" + id.ToString(CultureInfo.InvariantCulture) + "&kind=" + kind;
}
