using System.Runtime.InteropServices;
using MimeKit;
using MimeKit.Utils;

namespace Kakunin.Store;

/// <summary>
/// What a folder list and a tracking record show of a message, read once from its header when it is stored so
/// that listing a folder never parses content: subject, sender, recipients, the Date field, whether it carries
/// attachments, and its Message-ID (without angle brackets; what MDNs quote back as Original-Message-ID).
/// </summary>
public sealed record MessageSummary(string? Subject, string? From, string? To, DateTimeOffset? Date, bool HasAttachments, string? MessageId = null)
{
    private const int MaxLength = 400;

    /// <summary>Reads the summary from the header of raw message bytes; a broken header gives an empty summary.</summary>
    public static MessageSummary Read(ReadOnlyMemory<byte> content)
    {
        try
        {
            // Over the caller's bytes, no copy: this runs inside the store's single writer for every stored message.
            using var stream = MemoryMarshal.TryGetArray(content, out var segment) && segment.Array is not null
                ? new MemoryStream(segment.Array, segment.Offset, segment.Count, writable: false)
                : new MemoryStream(content.ToArray(), writable: false);
            var headers = HeaderList.Load(stream);
            return new MessageSummary(
                Clip(headers[HeaderId.Subject]?.Trim()),
                Clip(Addresses(headers, HeaderId.From)),
                Clip(Addresses(headers, HeaderId.To)),
                headers[HeaderId.Date] is { } d && DateUtils.TryParse(d, out var date) ? date : null,
                IsMixed(headers[HeaderId.ContentType]),
                MessageIdOf(headers[HeaderId.MessageId]));
        }
        catch (FormatException)
        {
            return new MessageSummary(null, null, null, null, false);
        }
    }

    private static string? MessageIdOf(string? value)
    {
        var id = value?.Trim();
        if (id is not null && id.StartsWith('<') && id.EndsWith('>'))
        {
            id = id[1..^1];
        }

        return string.IsNullOrEmpty(id) ? null : id;
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
