using Kakunin.Mail.Compose;
using MimeKit;

namespace Kakunin.Mail.Reading;

/// <summary>The text and the parts of a received message, as the reader, a reply and a download need them.</summary>
public static class MessageText
{
    /// <summary>The plain text: the text/plain body, or the HTML body turned into text, or empty.</summary>
    public static string PlainText(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.TextBody is { } text)
        {
            return text.Replace("\r\n", "\n", StringComparison.Ordinal);
        }

        return message.HtmlBody is { } html ? HtmlText.Convert(html).Replace("\r\n", "\n", StringComparison.Ordinal) : string.Empty;
    }

    /// <summary>The body parts in document order; an index into this list names a part in URLs.</summary>
    public static IReadOnlyList<MimeEntity> Parts(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return [.. message.BodyParts];
    }

    /// <summary>The part at <paramref name="index"/> (from <see cref="Parts"/>), or null.</summary>
    public static MimeEntity? FindPart(MimeMessage message, int index)
    {
        var parts = Parts(message);
        return index >= 0 && index < parts.Count ? parts[index] : null;
    }

    /// <summary>What to list under the message: parts marked as attachments, and attached messages.</summary>
    public static IReadOnlyList<AttachmentInfo> List(MimeMessage message)
    {
        var parts = Parts(message);
        var list = new List<AttachmentInfo>();
        for (var i = 0; i < parts.Count; i++)
        {
            switch (parts[i])
            {
                case MimePart { IsAttachment: true } part:
                    list.Add(new AttachmentInfo(i, FileName(part, i), part.ContentType.MimeType, Size(part)));
                    break;
                case MessagePart attached:
                    list.Add(new AttachmentInfo(i, (attached.Message?.Subject is { Length: > 0 } s ? s : "message") + ".eml", attached.ContentType.MimeType, 0));
                    break;
            }
        }

        return list;
    }

    /// <summary>The attachments again as files, for a forward.</summary>
    public static IReadOnlyList<Attachment> Attachments(MimeMessage message)
    {
        var result = new List<Attachment>();
        foreach (var part in Parts(message).OfType<MimePart>().Where(p => p.IsAttachment))
        {
            using var stream = new MemoryStream();
            part.Content?.DecodeTo(stream);
            result.Add(new Attachment(FileName(part, result.Count), part.ContentType.MimeType, stream.ToArray()));
        }

        return result;
    }

    /// <summary>The name to offer for a part; never a path.</summary>
    public static string FileName(MimeEntity part, int index)
    {
        ArgumentNullException.ThrowIfNull(part);
        var name = (part as MimePart)?.FileName ?? part.ContentType.Name;
        name = name is null ? null : Path.GetFileName(name.Replace('\\', '/'));
        return string.IsNullOrWhiteSpace(name) ? $"part-{index + 1}" : name;
    }

    private static long Size(MimePart part)
    {
        if (part.Content is null)
        {
            return 0;
        }

        using var counter = new MimeKit.IO.MeasuringStream();
        part.Content.DecodeTo(counter);
        return counter.Length;
    }
}
