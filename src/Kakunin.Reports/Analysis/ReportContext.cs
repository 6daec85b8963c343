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
        // From and To are parsed by MimeKit on first read (address lists): only the prose recognisers read them.
        _from = new(() => message.From.Mailboxes.FirstOrDefault()?.Address ?? string.Empty, LazyThreadSafetyMode.None);
        _to = new(() => message.To.Mailboxes.Select(m => m.Address).ToList(), LazyThreadSafetyMode.None);
        // Everything below is computed on first use: a standard DSN whose fields say it all never
        // pays for decoding and scanning the prose (see docs/benchmarks.md). A context is used by one
        // thread, so the lazies take no lock.
        _bodyText = new(() => ReadBodyText(message.Body), LazyThreadSafetyMode.None);
        _split = new(() => CapReadable(CutAtReturnedMessage(BodyText)), LazyThreadSafetyMode.None);
        // The returned copy is copied out of the body only if a recogniser reads it as a string (OriginalHeader reads it in place).
        _returnedText = new(() => BodyText[_split.Value.ReturnedStart..], LazyThreadSafetyMode.None);
        _readableLines = new(() => [.. ReportFieldReader.SplitLines(ReadableText)], LazyThreadSafetyMode.None);
        _collapsedReadableText = new(() => BounceText.Collapse(ReadableText), LazyThreadSafetyMode.None);
        _subjectAndText = new(() => Subject + "\n" + CollapsedReadableText, LazyThreadSafetyMode.None);
        _foldedReadableText = new(() => AsciiFold.ToLower(ReadableText), LazyThreadSafetyMode.None);
        _bestLine = new(() => BounceText.BestLine(ReadableText, ReadableLines), LazyThreadSafetyMode.None);
        // A text with no sent-command line at all (">>>", or MDaemon's "--> ") has no transcript to read.
        _transcriptFailures = new(() => ReadableText.Contains(">>>", StringComparison.Ordinal) || ReadableText.Contains("--> ", StringComparison.Ordinal)
            ? BounceText.ReadTranscriptFailures(ReadableLines)
            : null, LazyThreadSafetyMode.None);
        _originalMessage = new(() => (ReportParts.Find(message.Body, "message", "rfc822") as MessagePart)?.Message
            ?? (ReportParts.Find(message.Body, "message", "global") as MessagePart)?.Message, LazyThreadSafetyMode.None);
        _originalHeadersText = new(() =>
        {
            var headersPart = ReportParts.Find(message.Body, "text", "rfc822-headers")
                ?? ReportParts.Find(message.Body, "message", "global-headers")
                ?? ReportParts.Find(message.Body, "message", "rfc822-headers");
            return headersPart is null ? null : ReportParts.ReadText(headersPart);
        }, LazyThreadSafetyMode.None);
    }

    private readonly Lazy<string> _from;
    private readonly Lazy<IReadOnlyList<string>> _to;
    private readonly Lazy<string> _bodyText;
    private readonly Lazy<(string Readable, int ReturnedStart)> _split;
    private readonly Lazy<string> _returnedText;
    private readonly Lazy<IReadOnlyList<string>> _readableLines;
    private readonly Lazy<string> _collapsedReadableText;
    private readonly Lazy<string> _subjectAndText;
    private readonly Lazy<string> _foldedReadableText;
    private readonly Lazy<string?> _bestLine;
    private readonly Lazy<BounceText.TranscriptFailures?> _transcriptFailures;
    private readonly Lazy<MimeMessage?> _originalMessage;
    private readonly Lazy<string?> _originalHeadersText;

    /// <summary><see cref="ReadableText"/> with whitespace runs folded to one space (for phrase matching).</summary>
    public string CollapsedReadableText => _collapsedReadableText.Value;

    /// <summary>The subject, a line end and <see cref="CollapsedReadableText"/>: the wider text recognisers read the action and reason from.</summary>
    public string SubjectAndText => _subjectAndText.Value;

    public MimeMessage Message { get; }

    public string Subject { get; }

    /// <summary>The report's From address.</summary>
    public string From => _from.Value;

    /// <summary>The report's To addresses: usually the original sender.</summary>
    public IReadOnlyList<string> To => _to.Value;

    /// <summary>All human-readable text parts outside attached messages, joined.</summary>
    public string BodyText => _bodyText.Value;

    /// <summary><see cref="BodyText"/> up to the start of the returned original message.</summary>
    public string ReadableText => _split.Value.Readable;

    public IReadOnlyList<string> ReadableLines => _readableLines.Value;

    /// <summary>The readable line most likely to carry the remote server's words (see BounceText.BestLine).</summary>
    public string? BestLine => _bestLine.Value;

    /// <summary>The failing part of the session transcript in the readable text, or null when it has none.</summary>
    public BounceText.TranscriptFailures? TranscriptFailures => _transcriptFailures.Value;

    /// <summary>The text after the cut: the original message or its headers, inline.</summary>
    public string ReturnedText => _returnedText.Value;

    /// <summary>A message/rfc822 (or message/global) part, when the report attached one.</summary>
    public MimeMessage? OriginalMessage => _originalMessage.Value;

    /// <summary>A text/rfc822-headers (or message/global-headers) part, when present.</summary>
    public string? OriginalHeadersText => _originalHeadersText.Value;

    public string? Header(string name) => Message.Headers[name];

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
            if (AsciiFold.Contains(_foldedReadableText.Value, phrase) ?? ReadableText.Contains(phrase, StringComparison.OrdinalIgnoreCase))
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

        return FindHeaderLine(OriginalHeadersText, name) ?? FindHeaderLine(BodyText.AsSpan(_split.Value.ReturnedStart), name);
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
            return string.Concat(ReportParts.ReadText(parts[0]), "\n");
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
