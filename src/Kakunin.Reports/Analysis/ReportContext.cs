using System.Net;
using System.Text.RegularExpressions;
using Kakunin.Reports.Fields;
using Kakunin.Reports.Mime;
using MimeKit;

namespace Kakunin.Reports.Analysis;

/// <summary>
/// A received message prepared once for all recognisers: its headers, the human-readable text cut
/// where the returned copy of the original message begins, and the original message or headers.
/// </summary>
internal sealed partial class ReportContext
{
    // Lines (trimmed, leading/trailing dashes and stars removed, compared ignoring case) that begin the copy of
    // the original message that bounces carry after their own text.
    private static readonly string[] ReturnedMessageMarkers =
    [
        "below this line is a copy of the message",
        "this is a copy of the message",
        "this is a copy of your message",
        "this is a copy of the headers",
        "original message follows",
        "original message",
        "returned message",
        "unsent message follows",
        "message headers follow",
        "below is a copy of the original message",
        "the header of the original message",
        "headers of the original message",
        "copy of the original message",
        "undelivered message headers",
        "original message headers",
        "content-type: message/rfc822",
        "content-type: text/rfc822-headers",
        "the original message headers",
        "the original message was",
        "included is a copy of the",
        "a copy of the original message",
        "message text follows",
    ];

    /// <summary>
    /// Longest <see cref="ReadableText"/> (128 Ki characters, cut at a line end). A bounce's own words
    /// run to a few kilobytes even with a session transcript; past this it is a pasted log or a hostile
    /// message, and the prose scanners (some of them quadratic in the lines) would run for minutes.
    /// </summary>
    public const int MaxReadableChars = 128 * 1024;

    public ReportContext(MimeMessage message)
    {
        Message = message;
        Subject = message.Subject ?? string.Empty;
    }

    // Everything below is computed on first use and kept: a standard DSN whose fields say it all never pays for
    // decoding and scanning the prose, nor From and To for MimeKit's address parsing (docs/benchmarks.md §5). Plain
    // fields rather than Lazy<T>: a context is used by one thread, and two dozen Lazy objects and closures per message
    // were a measurable share of the allocations. A "known" flag marks the views whose value may be null.
    private string? from;
    private IReadOnlyList<string>? to;
    private string? bodyText;
    private (string Readable, int ReturnedStart)? split;
    private string? returnedText;
    private IReadOnlyList<string>? readableLines;
    private string? collapsedReadableText;
    private string? subjectAndText;
    private string? foldedReadableText;
    private string? bestLine;
    private bool bestLineKnown;
    private BounceText.TranscriptFailures? transcriptFailures;
    private bool transcriptFailuresKnown;
    private MimeMessage? originalMessage;
    private bool originalMessageKnown;
    private string? originalHeadersText;
    private bool originalHeadersTextKnown;

    private (string Readable, int ReturnedStart) Split => split ??= CapReadable(CutAtReturnedMessage(BodyText));

    /// <summary><see cref="ReadableText"/> with whitespace runs folded to one space (for phrase matching).</summary>
    public string CollapsedReadableText => collapsedReadableText ??= BounceText.Collapse(ReadableText);

    /// <summary>The subject, a line end and <see cref="CollapsedReadableText"/>: the wider text recognisers read the action and reason from.</summary>
    public string SubjectAndText => subjectAndText ??= Subject + "\n" + CollapsedReadableText;

    public MimeMessage Message { get; }

    public string Subject { get; }

    /// <summary>The report's From address.</summary>
    public string From => from ??= Message.From.Mailboxes.FirstOrDefault()?.Address ?? string.Empty;

    /// <summary>The report's To addresses: usually the original sender.</summary>
    public IReadOnlyList<string> To => to ??= Message.To.Mailboxes.Select(m => m.Address).ToList();

    /// <summary>All human-readable text parts outside attached messages, joined.</summary>
    public string BodyText => bodyText ??= ReadBodyText(Message.Body);

    /// <summary><see cref="BodyText"/> up to the start of the returned original message.</summary>
    public string ReadableText => Split.Readable;

    public IReadOnlyList<string> ReadableLines => readableLines ??= ReportFieldReader.SplitLines(ReadableText);

    /// <summary>The readable line most likely to carry the remote server's words (see BounceText.BestLine).</summary>
    public string? BestLine
    {
        get
        {
            if (!bestLineKnown)
            {
                bestLine = BounceText.BestLine(ReadableText, ReadableLines);
                bestLineKnown = true;
            }

            return bestLine;
        }
    }

    /// <summary>The failing part of the session transcript in the readable text, or null when it has none.</summary>
    public BounceText.TranscriptFailures? TranscriptFailures
    {
        get
        {
            if (!transcriptFailuresKnown)
            {
                // A text with no sent-command line at all (">>>", or MDaemon's "--> ") has no transcript to read.
                transcriptFailures = ReadableText.Contains(">>>", StringComparison.Ordinal) || ReadableText.Contains("--> ", StringComparison.Ordinal)
                    ? BounceText.ReadTranscriptFailures(ReadableLines)
                    : null;
                transcriptFailuresKnown = true;
            }

            return transcriptFailures;
        }
    }

    /// <summary>The text after the cut: the original message or its headers, inline.</summary>
    /// <remarks>Copied out of the body only when read as a string (<see cref="OriginalHeader"/> reads it in place).</remarks>
    public string ReturnedText => returnedText ??= BodyText[Split.ReturnedStart..];

    /// <summary>A message/rfc822 (or message/global) part, when the report attached one.</summary>
    public MimeMessage? OriginalMessage
    {
        get
        {
            if (!originalMessageKnown)
            {
                originalMessage = (FindPart("message", "rfc822") as MessagePart)?.Message
                    ?? (FindPart("message", "global") as MessagePart)?.Message;
                originalMessageKnown = true;
            }

            return originalMessage;
        }
    }

    /// <summary>A text/rfc822-headers (or message/global-headers) part, when present.</summary>
    public string? OriginalHeadersText
    {
        get
        {
            if (!originalHeadersTextKnown)
            {
                var headersPart = FindPart("text", "rfc822-headers")
                    ?? FindPart("message", "global-headers")
                    ?? FindPart("message", "rfc822-headers");
                originalHeadersText = headersPart is null ? null : ReportParts.ReadText(headersPart);
                originalHeadersTextKnown = true;
            }

            return originalHeadersText;
        }
    }

    public string? Header(string name) => Message.Headers[name];

    /// <summary>
    /// The first part of the message's body whose type matches, depth-first, not inside attached messages: what
    /// <see cref="ReportParts.Find"/> gives, from one walk of the tree per report. Recognisers and views ask for about
    /// ten types per report, and each walk allocated an enumerator per multipart.
    /// </summary>
    public MimeEntity? FindPart(string mediaType, string mediaSubtype)
    {
        var parts = this.parts ??= Flatten(Message.Body);
        foreach (var part in parts)
        {
            if (part.ContentType.IsMimeType(mediaType, mediaSubtype))
            {
                return part;
            }
        }

        return null;
    }

    private List<MimeEntity>? parts;

    // The entities in the order ReportParts.Find visits them: each before its children, multiparts opened, attached
    // messages not.
    private static List<MimeEntity> Flatten(MimeEntity? root)
    {
        var list = new List<MimeEntity>();
        Add(root, list);
        return list;

        static void Add(MimeEntity? entity, List<MimeEntity> list)
        {
            if (entity is null)
            {
                return;
            }

            list.Add(entity);
            if (entity is Multipart multipart)
            {
                for (var i = 0; i < multipart.Count; i++)
                {
                    Add(multipart[i], list);
                }
            }
        }
    }

    /// <summary>True when the readable text contains any of the phrases (case-insensitive).</summary>
    /// <remarks>
    /// The recognisers ask this for dozens of phrases per message: the text is ASCII-lowercased once and each
    /// phrase found with an ordinal (vectorised) search, several times cheaper than OrdinalIgnoreCase over the
    /// original text, which takes a per-character path as soon as the text holds one non-ASCII character
    /// (docs/benchmarks.md §5).
    /// </remarks>
    public bool TextContains(params string[] phrases)
    {
        foreach (var phrase in phrases)
        {
            if (AsciiFold.Contains((foldedReadableText ??= AsciiFold.ToLower(ReadableText)), phrase) ?? ReadableText.Contains(phrase, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    public bool SubjectContains(params string[] phrases) =>
        phrases.Any(p => Subject.Contains(p, StringComparison.OrdinalIgnoreCase));

    /// <summary>The value of a header of the original message, from the attached message, headers part or inline copy.</summary>
    public string? OriginalHeader(string name)
    {
        if (OriginalMessage?.Headers[name] is { } value)
        {
            return value;
        }

        return FindHeaderLine(OriginalHeadersText, name) ?? FindHeaderLine(BodyText.AsSpan(Split.ReturnedStart), name);
    }

    // The first line (ends: CRLF, LF or CR alone) that is "name:" after leading whitespace; its value trimmed. Read
    // as spans: only the value found is copied.
    private static string? FindHeaderLine(ReadOnlySpan<char> text, string name)
    {
        while (!text.IsEmpty)
        {
            var end = text.IndexOfAny('\r', '\n');
            var line = (end < 0 ? text : text[..end]).TrimStart();
            if (line.Length > name.Length && line[name.Length] == ':' && line.StartsWith(name, StringComparison.OrdinalIgnoreCase))
            {
                return line[(name.Length + 1)..].Trim().ToString();
            }

            text = end < 0 ? [] : text[(end + 1)..];
        }

        return null;
    }

    private static string ReadBodyText(MimeEntity? body)
    {
        // The parts are found first and read after: the HTML ones only when there is no plain text, which is all
        // that is kept then. Each part's text is followed by a line end.
        var plain = new List<MimeEntity>();
        var html = new List<MimeEntity>();
        Collect(body, plain, html);
        if (plain.Count > 0)
        {
            return JoinLines(plain, capped: static entity => entity is TextPart);
        }

        if (html.Count > 0)
        {
            return StripHtml(JoinLines(html, capped: static _ => false));
        }

        // A multipart whose parts could not be found: its text is all in the preamble.
        return body is Multipart { Preamble: { Length: > 0 } preamble } ? preamble : string.Empty;
    }

    // The parts' texts, each followed by "\n". A capped part is read only while the text so far is under
    // ReportParts.MaxTextBytes characters.
    private static string JoinLines(List<MimeEntity> parts, Func<MimeEntity, bool> capped)
    {
        if (parts.Count == 1)
        {
            return ReportParts.ReadText(parts[0], lineEnd: true);
        }

        var pieces = new List<string>(parts.Count * 2);
        var length = 0;
        foreach (var part in parts)
        {
            if (length >= ReportParts.MaxTextBytes && capped(part))
            {
                continue;
            }

            var text = ReportParts.ReadText(part);
            pieces.Add(text);
            pieces.Add("\n");
            length += text.Length + 1;
        }

        return string.Concat(pieces);
    }

    private static void Collect(MimeEntity? entity, List<MimeEntity> plain, List<MimeEntity> html)
    {
        switch (entity)
        {
            case Multipart multipart:
                foreach (var child in multipart)
                {
                    Collect(child, plain, html);
                }

                break;
            case TextPart text when text.ContentType.IsMimeType("text", "plain") && !text.ContentType.IsMimeType("text", "rfc822-headers"):
                plain.Add(text);
                break;
            case TextPart text when text.ContentType.IsMimeType("text", "html"):
                html.Add(text);
                break;
            case MimePart part when part.ContentType.MediaType.Equals("text", StringComparison.OrdinalIgnoreCase)
                && part.ContentType.MediaSubtype.Equals("plain", StringComparison.OrdinalIgnoreCase):
                plain.Add(part);
                break;
        }
    }

    private static string StripHtml(string html)
    {
        if (html.Length == 0)
        {
            return html;
        }

        var text = HtmlBlockPattern().Replace(html, "\n");
        text = HtmlTagPattern().Replace(text, string.Empty);
        return WebUtility.HtmlDecode(text);
    }

    private static (string Readable, int ReturnedStart) CapReadable((string Readable, int ReturnedStart) split)
    {
        if (split.Readable.Length <= MaxReadableChars)
        {
            return split;
        }

        var end = split.Readable.LastIndexOf('\n', MaxReadableChars - 1);
        return (split.Readable[..(end > 0 ? end + 1 : MaxReadableChars)], split.ReturnedStart);
    }

    // The readable text, and where the returned message starts in the text (its length when there is none).
    private static (string Readable, int ReturnedStart) CutAtReturnedMessage(string text)
    {
        var sawText = false;
        // Lines end at CRLF, LF or CR alone (as ReportFieldReader.SplitLines), read as spans: this runs over
        // every line of every report, so no line is copied.
        for (var start = 0; start < text.Length;)
        {
            var end = text.AsSpan(start).IndexOfAny('\r', '\n');
            end = end < 0 ? text.Length : start + end;
            var line = text.AsSpan(start, end - start);
            var normal = line.Trim().Trim(MarkerFrame);
            var isMarker = normal.Length > 0 && IsReturnedMessageMarker(normal);
            var isHeaderStart = sawText && (line.StartsWith("Return-Path:", StringComparison.OrdinalIgnoreCase)
                || line.StartsWith("Received: from", StringComparison.OrdinalIgnoreCase));
            if (isMarker && normal.StartsWith("the original message was", StringComparison.OrdinalIgnoreCase))
            {
                // Sendmail: "The original message was received at ..." opens the report; not a cut.
                isMarker = false;
            }

            if ((isMarker && sawText) || isHeaderStart)
            {
                return (text[..start], start);
            }

            sawText |= normal.Length > 0;
            start = end + (end + 1 < text.Length && text[end] == '\r' && text[end + 1] == '\n' ? 2 : 1);
        }

        return (text, text.Length);
    }

    // The dashes, stars and the like that frame a marker line ("----- Original message -----").
    private const string MarkerFrame = "-*=_ \t>";

    // The markers by their first letter (lowercase ASCII), so a line is compared only with the few that can match.
    private static readonly string[][] MarkersByFirstLetter = [.. Enumerable.Range(0, 128).Select(c =>
        ReturnedMessageMarkers.Where(m => m[0] == c).ToArray())];

    private static bool IsReturnedMessageMarker(ReadOnlySpan<char> normal)
    {
        // The markers all start with an ASCII letter. A non-ASCII first character is compared with every marker
        // (ignoring case, a few equal an ASCII letter); any other ASCII character starts none.
        var first = normal[0];
        var candidates = first >= 128 ? ReturnedMessageMarkers
            : char.IsAsciiLetter(first) ? MarkersByFirstLetter[first | 0x20]
            : [];
        foreach (var marker in candidates)
        {
            if (normal.StartsWith(marker, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"<(br|/p|/div|/tr|/li|p|div|tr|li)\b[^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HtmlBlockPattern();

    [GeneratedRegex(@"<[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex HtmlTagPattern();
}
