namespace Kakunin.Imap.Message;

/// <summary>One header field as byte offsets into the message: the whole field with folded lines and line end.</summary>
/// <param name="Start">Offset of the field's first byte (its name).</param>
/// <param name="End">Offset just past the field's last line ending.</param>
/// <param name="Colon">Offset of the ":" after the name, or -1 when the line has none.</param>
internal readonly record struct HeaderField(int Start, int End, int Colon);

/// <summary>
/// One MIME entity located in the stored bytes: where its header and body are, its parts (multipart) or the message
/// it encapsulates (message/rfc822). Offsets, not copies: sections are cut from the stored bytes as they are.
/// </summary>
internal sealed class MimeEntity
{
    /// <summary>Offset of the first header byte.</summary>
    public int HeaderStart { get; init; }

    /// <summary>Offset just past the header, including its empty line when there is one (where the body starts).</summary>
    public int BodyStart { get; set; }

    /// <summary>Offset just past the body (before the line break that belongs to the next boundary, RFC 2046 §5.1.1).</summary>
    public int BodyEnd { get; set; }

    public List<HeaderField> Fields { get; } = [];

    /// <summary>The parsed Content-Type (the default when absent or unreadable).</summary>
    public ContentType ContentType { get; set; } = ContentType.TextPlainDefault;

    /// <summary>The body parts of a multipart entity; empty otherwise.</summary>
    public List<MimeEntity> Children { get; } = [];

    /// <summary>The encapsulated message of a message/rfc822 (or message/global) entity; null otherwise.</summary>
    public MimeEntity? Message { get; set; }

    public bool IsMultipart => ContentType.IsMultipart && ContentType.Boundary is not null;

    public bool IsMessage => Message is not null;
}
