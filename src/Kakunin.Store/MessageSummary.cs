using MimeKit;
using MimeKit.Utils;

namespace Kakunin.Store;

/// <summary>
/// What a folder list shows of a message, read once from its header when it is stored so that listing a folder
/// never parses content: subject, sender, recipients, the Date field and whether it carries attachments.
/// </summary>
public sealed record MessageSummary(string? Subject, string? From, string? To, DateTimeOffset? Date, bool HasAttachments)
{
    private const int MaxLength = 400;

    /// <summary>Reads the summary from the header of raw message bytes; a broken header gives an empty summary.</summary>
    public static MessageSummary Read(ReadOnlyMemory<byte> content)
    {
        try
        {
            using var stream = new MemoryStream(content.ToArray(), writable: false);
            var headers = HeaderList.Load(stream);
            return new MessageSummary(
                Clip(headers[HeaderId.Subject]?.Trim()),
                Clip(Addresses(headers, HeaderId.From)),
                Clip(Addresses(headers, HeaderId.To)),
                headers[HeaderId.Date] is { } d && DateUtils.TryParse(d, out var date) ? date : null,
                IsMixed(headers[HeaderId.ContentType]));
        }
        catch (FormatException)
        {
            return new MessageSummary(null, null, null, null, false);
        }
    }

    private static string? Addresses(HeaderList headers, HeaderId id)
    {
        var raw = headers[id];
        if (raw is null)
        {
            return null;
        }

        // Names where given ("Alice Example"), else the address; the raw text when it does not parse.
        return InternetAddressList.TryParse(raw, out var list) && list.Count > 0
            ? string.Join(", ", list.Select(a => a is MailboxAddress m && string.IsNullOrWhiteSpace(m.Name) ? m.Address : a.Name ?? a.ToString()))
            : raw.Trim();
    }

    // multipart/mixed at the top is what every client writes for a message with attachments.
    private static bool IsMixed(string? contentType) =>
        contentType is not null && ContentType.TryParse(contentType, out var type) && type.IsMimeType("multipart", "mixed");

    private static string? Clip(string? text) => text is { Length: > MaxLength } ? text[..MaxLength] : text;
}
