using System.Text;
using MimeKit;
using MimeKit.Text;

namespace Kakunin.Store.Search;

/// <summary>
/// What of a message goes into the search index: the addresses (From, To, Cc as written, decoded) and the body as
/// plain text: the text/plain part, or the HTML part turned into text with MimeKit's HTML tokenizer (only its text
/// tokens, never tags, scripts or styles). Capped at <see cref="MaxBodyChars"/>: a 20 MB newsletter must not make
/// the index 20 MB larger.
/// </summary>
internal static class SearchText
{
    public const int MaxBodyChars = 64 * 1024;

    public sealed record Row(long Id, string Subject, string Addresses, string Body);

    public static Row Read(long id, string? subject, byte[] content)
    {
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            var message = MimeMessage.Load(stream);
            var addresses = string.Join(" ", new[] { message.From, message.To, message.Cc }.Select(list => list.ToString()));
            var body = message.TextBody ?? (message.HtmlBody is { } html ? FromHtml(html) : string.Empty);
            return new Row(id, SearchMarkers.Strip(subject ?? message.Subject ?? string.Empty), SearchMarkers.Strip(addresses), SearchMarkers.Strip(Clip(body)));
        }
        catch (FormatException)
        {
            return new Row(id, SearchMarkers.Strip(subject ?? string.Empty), string.Empty, string.Empty);
        }
    }

    private static string Clip(string text) => text.Length <= MaxBodyChars ? text : text[..MaxBodyChars];

    private static string FromHtml(string html)
    {
        var text = new StringBuilder();
        var tokenizer = new HtmlTokenizer(new StringReader(html));
        var skipping = false; // inside <script> or <style>: their text is not what the reader sees
        while (tokenizer.ReadNextToken(out var token) && text.Length < MaxBodyChars)
        {
            switch (token)
            {
                case HtmlTagToken tag when tag.Id is HtmlTagId.Script or HtmlTagId.Style:
                    skipping = !tag.IsEndTag;
                    break;
                case HtmlTagToken:
                    text.Append(' ');
                    break;
                case HtmlDataToken data when !skipping:
                    text.Append(data.Data);
                    break;
            }
        }

        return text.ToString();
    }
}
