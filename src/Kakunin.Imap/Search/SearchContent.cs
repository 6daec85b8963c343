using MimeKit;

namespace Kakunin.Imap.Search;

/// <summary>
/// The decoded text of one message for SEARCH: header values with RFC 2047 encoded-words decoded, and the text of
/// every text/* part in its charset with its Content-Transfer-Encoding removed. Parsed on first use, once.
/// </summary>
internal sealed class SearchContent(ReadOnlyMemory<byte>? bytes)
{
    private MimeMessage? message;
    private bool parsed;

    /// <summary>The decoded, unfolded values of every top-level field named <paramref name="field"/>, in order.</summary>
    public IEnumerable<string> HeaderValues(string field)
    {
        foreach (var header in Headers)
        {
            if (header.Field.Equals(field, StringComparison.OrdinalIgnoreCase))
            {
                yield return header.Value ?? string.Empty;
            }
        }
    }

    /// <summary>Each top-level header line, decoded: "Field: value".</summary>
    public IEnumerable<string> HeaderText() => Headers.Select(h => h.Field + ": " + h.Value);

    /// <summary>
    /// The body's searchable texts: decoded text/* parts, and the headers of attached messages (they are part of the
    /// outer message's body), depth first in message order.
    /// </summary>
    public IEnumerable<string> BodyTexts() => EntityTexts(Message?.Body);

    // MimeKit moves the top-level Content-* fields into the body entity's headers: they are still fields of the
    // message's header for HEADER and TEXT (found by SEARCH HEADER Content-Type multipart, checked against Dovecot).
    private IEnumerable<Header> Headers => Message is { } m ? m.Headers.Concat(m.Body?.Headers ?? Enumerable.Empty<Header>()) : Enumerable.Empty<Header>();

    private MimeMessage? Message
    {
        get
        {
            if (!parsed)
            {
                message = Parse();
                parsed = true;
            }

            return message;
        }
    }

    private MimeMessage? Parse()
    {
        var memory = bytes ?? throw new InvalidOperationException("The row carries no content.");
        using var stream = new MemoryStream(memory.ToArray(), writable: false);
        try
        {
            return MimeMessage.Load(stream);
        }
        catch (FormatException)
        {
            // MimeKit refuses only an empty stream (it reads anything else somehow): an empty message has no text.
            return null;
        }
    }

    private static IEnumerable<string> EntityTexts(MimeEntity? entity)
    {
        switch (entity)
        {
            case Multipart multipart:
                foreach (var child in multipart)
                {
                    foreach (var text in EntityTexts(child))
                    {
                        yield return text;
                    }
                }

                break;
            case MessagePart { Message: { } inner }:
                foreach (var header in inner.Headers)
                {
                    yield return header.Field + ": " + header.Value;
                }

                foreach (var text in EntityTexts(inner.Body))
                {
                    yield return text;
                }

                break;
            case TextPart text:
                // TextPart.Text decodes the transfer encoding and converts from the part's charset (ISO-2022-JP,
                // Shift_JIS, UTF-8…), falling back to UTF-8 then Latin-1 for unlabelled 8-bit text.
                yield return text.Text ?? string.Empty;
                break;
            default:
                // Attachments that are not text are not searched (as Dovecot without full-text search plugins).
                break;
        }
    }
}
