using System.Text;
using System.Text.Encodings.Web;
using Kakunin.Mail.Reading;
using Kakunin.Store;
using Kakunin.Web.Ui;
using Microsoft.Net.Http.Headers;
using MimeKit;

namespace Kakunin.Web.Mail;

/// <summary>
/// The two parts of a message that are not pages: its HTML body, shown by the message page in a sandboxed frame,
/// and its attachments as downloads. Both are for the signed-in owner only (the store scopes every read to them):
/// another user's message id is 404.
/// </summary>
public static class MessageEndpoints
{
    /// <summary>
    /// The policy of the body frame: nothing at all (no script, no fetch, no font, no form), inline styles (mail
    /// is styled inline), images only from us or data: URLs — and from anywhere only once the reader chose
    /// "Show images". Framed only by our own pages. The sanitiser already removed all of this; the policy is the
    /// second wall, should a sanitiser gap let something through.
    /// </summary>
    public static string BodyPolicy(bool remoteImages) =>
        "default-src 'none'; img-src data: 'self'" + (remoteImages ? " https: http:" : string.Empty) +
        "; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

    /// <summary>Attachments are never rendered by the browser: this policy (and nosniff) holds if one is opened anyway.</summary>
    public const string PartPolicy = "default-src 'none'; sandbox";

    // The frame has no access to our stylesheet (default-src 'none'), so it carries its few rules inline.
    private const string FrameStyle =
        "html{color-scheme:light}body{margin:0;padding:16px;background:#fff;color:#1c2330;font:16px/1.5 system-ui,-apple-system,'Segoe UI'," +
        "Roboto,'Noto Sans','Noto Sans CJK JP','Hiragino Sans',Meiryo,sans-serif;overflow-wrap:anywhere}" +
        "img{max-width:100%;height:auto}table{max-width:100%}pre{white-space:pre-wrap}";

    public static IEndpointRouteBuilder MapMessageEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/mail/{folder}/{id:long}/body", BodyAsync);
        endpoints.MapGet("/mail/{folder}/{id:long}/part/{index:int}", PartAsync);
        return endpoints;
    }

    private static async Task<IResult> BodyAsync(string folder, long id, string? images, HttpContext context, KakuninStore store, CancellationToken cancellationToken)
    {
        var stored = await store.Mailboxes.GetAsync(context.User.Address()!, id, cancellationToken);
        if (stored is null)
        {
            return Results.NotFound();
        }

        var allowImages = images == "1";
        var rendered = MessageRenderer.Render(StoredMail.Parse(stored), new RenderOptions(allowImages, index => MailUrls.Part(stored.Folder, id, index)));
        var document = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><base target=\"_blank\"><style>")
            .Append(FrameStyle).Append("</style></head><body>")
            .Append(rendered.Html ?? "<pre>" + HtmlEncoder.Default.Encode(rendered.Text) + "</pre>")
            .Append("</body></html>");
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = BodyPolicy(allowImages); // kept by SecurityHeaders: it only adds a policy where none is set
        headers.CacheControl = "no-store";
        return Results.Content(document.ToString(), "text/html; charset=utf-8");
    }

    private static async Task<IResult> PartAsync(string folder, long id, int index, HttpContext context, KakuninStore store, CancellationToken cancellationToken)
    {
        var stored = await store.Mailboxes.GetAsync(context.User.Address()!, id, cancellationToken);
        if (stored is null)
        {
            return Results.NotFound();
        }

        var message = StoredMail.Parse(stored);
        var part = MessageText.FindPart(message, index);
        byte[] content;
        string contentType;
        switch (part)
        {
            case MimePart mime:
                using (var stream = new MemoryStream())
                {
                    mime.Content?.DecodeTo(stream, cancellationToken);
                    content = stream.ToArray();
                }

                contentType = mime.ContentType.MimeType;
                break;
            case MessagePart attached when attached.Message is not null:
                using (var stream = new MemoryStream())
                {
                    attached.Message.WriteTo(stream, cancellationToken);
                    content = stream.ToArray();
                }

                contentType = "message/rfc822";
                break;
            default:
                return Results.NotFound();
        }

        var headers = context.Response.Headers;
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        headers.ContentSecurityPolicy = PartPolicy;
        headers.CacheControl = "private, no-store";
        // Always a download (Content-Disposition: attachment): a part is never shown as a page of ours.
        return Results.File(content, SafeContentType(contentType), DownloadName.Clean(MessageText.FileName(part, index)));
    }

    // The sender's media type when it is well-formed, else bytes; a download is never rendered, so the type is a hint.
    private static string SafeContentType(string type) =>
        MediaTypeHeaderValue.TryParse(type, out var parsed) && parsed.MediaType.HasValue && !parsed.MediaType.Value.Contains('*', StringComparison.Ordinal)
            ? parsed.MediaType.Value
            : "application/octet-stream";
}
