using Ganss.Xss;
using MimeKit;

namespace Kakunin.Mail.Reading;

/// <summary>
/// Makes a received message safe to show: HTML through an allow-list sanitiser (no script, forms, frames, event
/// handlers or javascript: links), links opened in a new tab without a referrer, inline images (cid:) served from
/// our own URLs, and remote images — the tracking pixels of mass mailers — held back until the reader allows them.
/// The web page also shows the result in a sandboxed frame under a Content-Security-Policy, so a sanitiser gap
/// still cannot run script or fetch a remote image.
/// </summary>
public static class MessageRenderer
{
    private static readonly string[] FormTags = ["form", "input", "button", "select", "option", "optgroup", "textarea", "label", "fieldset", "legend", "datalist", "output"];

    public static RenderedMessage Render(MimeMessage message, RenderOptions options)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(options);
        var text = MessageText.PlainText(message);
        var attachments = MessageText.List(message);
        if (message.HtmlBody is not { } html)
        {
            return new RenderedMessage(text, null, 0, attachments);
        }

        var contentIds = ContentIds(message);
        var blocked = 0;
        var sanitizer = new HtmlSanitizer();
        foreach (var formTag in FormTags)
        {
            sanitizer.AllowedTags.Remove(formTag); // a form in mail is a phishing tool; nothing legitimate needs one
        }

        sanitizer.AllowedSchemes.Add("mailto");
        sanitizer.AllowedSchemes.Add("cid");
        sanitizer.AllowedAttributes.Add("target");
        sanitizer.AllowedAttributes.Add("rel");
        sanitizer.FilterUrl += (_, e) =>
        {
            var url = e.OriginalUrl.Trim();
            if (url.StartsWith("cid:", StringComparison.OrdinalIgnoreCase))
            {
                // RFC 2392: cid:<content-id> names a part of the same message.
                var id = Uri.UnescapeDataString(url[4..]).Trim('<', '>');
                e.SanitizedUrl = contentIds.TryGetValue(id, out var index) ? options.PartUrl(index) : null;
                return;
            }

            var isImage = e.Tag is null || e.Tag.TagName.Equals("IMG", StringComparison.OrdinalIgnoreCase)
                || e.Tag.HasAttribute("style") || e.Tag.HasAttribute("background");
            var isLink = e.Tag?.TagName.Equals("A", StringComparison.OrdinalIgnoreCase) == true && e.Tag.GetAttribute("href") == e.OriginalUrl;
            if (isLink || !isImage)
            {
                return;
            }

            if (!IsRemote(url))
            {
                // A relative image URL is one of our own pages, fetched with the reader's session cookie (the frame
                // may load 'self' for cid: parts): /mail/Inbox/7 would mark that message read and may send its
                // receipt. Mail has no business pointing at our URLs; only cid: (above) and remote images remain.
                e.SanitizedUrl = null;
            }
            else if (!options.AllowRemoteImages)
            {
                blocked++;
                e.SanitizedUrl = null;
            }
        };
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { TagName: "A" } anchor && anchor.HasAttribute("href"))
            {
                anchor.SetAttribute("target", "_blank");
                anchor.SetAttribute("rel", "noopener noreferrer");
            }
        };

        var safe = sanitizer.Sanitize(html);
        return new RenderedMessage(text, safe, blocked, attachments);
    }

    private static bool IsRemote(string url) =>
        url.StartsWith("http:", StringComparison.OrdinalIgnoreCase)
        || url.StartsWith("https:", StringComparison.OrdinalIgnoreCase)
        || url.StartsWith("//", StringComparison.Ordinal);

    private static Dictionary<string, int> ContentIds(MimeMessage message)
    {
        var map = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var parts = MessageText.Parts(message);
        for (var i = 0; i < parts.Count; i++)
        {
            if (parts[i].ContentId is { Length: > 0 } id)
            {
                map.TryAdd(id, i);
            }
        }

        return map;
    }
}
