namespace Kakunin.Imap.Message;

/// <summary>
/// Finds the MIME entities of stored message bytes by offset (RFC 2045, RFC 2046 §5.1.1), the way Dovecot's message
/// parser does, so that FETCH sections, sizes and line counts are the same bytes Dovecot would give.
/// </summary>
/// <remarks>
/// Why a scanner of our own rather than MimeKit's MimeParser: MimeKit reports entity offsets, but IMAP needs the
/// exact rule for where a part's body ends (the line break before a boundary belongs to the boundary), the choice
/// among nested boundaries that share a prefix, and section bytes that are never re-serialised; the scanner is
/// small and keeps all of that in one place. MimeKit still parses what is inside header values (addresses).
/// Rules taken from Dovecot's behaviour: a boundary line is "--" and a known boundary at the start of a line, with
/// anything after it; when several enclosing boundaries match, the longest wins; an enclosing boundary also ends
/// the parts nested inside; nesting stops at 100 levels and 10,000 parts (deeper parts are read as plain bodies).
/// </remarks>
internal sealed class MimeScanner
{
    private const int MaxDepth = 100;
    private const int MaxParts = 10_000;

    private readonly ReadOnlyMemory<byte> memory;
    private readonly List<byte[]> boundaries = [];
    private int parts;

    // Set when the last entity parsed met a boundary inside its header (Dovecot's corner: see ParseHeader).
    private bool lastEndedInHeader;

    private MimeScanner(ReadOnlyMemory<byte> memory) => this.memory = memory;

    private ReadOnlySpan<byte> Data => memory.Span;

    /// <summary>The entity tree of a whole message (the root is the message itself).</summary>
    public static MimeEntity Parse(ReadOnlyMemory<byte> message)
    {
        var scanner = new MimeScanner(message);
        var root = scanner.ParseEntity(0, ContentType.TextPlainDefault, 0, out _);
        return root;
    }

    // Parses an entity at start; returns it, and in stop the offset of the boundary line that ended it (or the end).
    private MimeEntity ParseEntity(int start, ContentType defaultType, int depth, out int stop)
    {
        parts++;
        var entity = new MimeEntity { HeaderStart = start };
        var headerStop = ParseHeader(entity, start);
        entity.ContentType = ContentType.FromHeader(memory, entity, defaultType);
        if (headerStop >= 0)
        {
            // A boundary came before the header's empty line: the part has a header and no body.
            entity.BodyEnd = entity.BodyStart;
            stop = headerStop;
            lastEndedInHeader = true;
            return entity;
        }

        lastEndedInHeader = false;
        var nestable = depth < MaxDepth && parts < MaxParts;
        if (nestable && entity.IsMultipart)
        {
            stop = ParseMultipart(entity, depth);
        }
        else if (nestable && entity.ContentType.IsMessage)
        {
            var inner = ParseEntity(entity.BodyStart, ContentType.TextPlainDefault, depth + 1, out stop);
            entity.Message = inner;
            entity.BodyEnd = inner.BodyEnd;
        }
        else
        {
            stop = FindBoundaryLine(entity.BodyStart, out _, out _);
            entity.BodyEnd = BodyEndBefore(stop, entity.BodyStart);
        }

        return entity;
    }

    // Returns -1 when the header ended with its empty line (or the data ended), else the offset of a boundary line.
    private int ParseHeader(MimeEntity entity, int start)
    {
        var data = Data;
        var pos = start;
        while (pos < data.Length)
        {
            var lineEnd = LineEnd(data, pos);
            var line = data[pos..lineEnd];
            if (line.SequenceEqual("\r\n"u8) || line.SequenceEqual("\n"u8))
            {
                entity.BodyStart = lineEnd;
                return -1;
            }

            if (boundaries.Count > 0 && MatchBoundary(line, out _, out _))
            {
                // As Dovecot: the header stops before the line break that precedes the boundary; that line break is
                // then counted in the enclosing multipart's body when an enclosing boundary ends it (ParseMultipart).
                entity.BodyStart = BodyEndBefore(pos, start);
                return pos;
            }

            if (line[0] is (byte)' ' or (byte)'\t' && entity.Fields.Count > 0)
            {
                var last = entity.Fields[^1];
                entity.Fields[^1] = last with { End = lineEnd };
            }
            else
            {
                var colon = line.IndexOf((byte)':');
                entity.Fields.Add(new HeaderField(pos, lineEnd, colon < 0 ? -1 : pos + colon));
            }

            pos = lineEnd;
        }

        entity.BodyStart = data.Length;
        return -1;
    }

    private int ParseMultipart(MimeEntity entity, int depth)
    {
        var own = entity.ContentType.Boundary!;
        boundaries.Add(own);
        var ownIndex = boundaries.Count - 1;
        var childDefault = entity.ContentType.IsDigest ? ContentType.MessageRfc822Default : ContentType.TextPlainDefault;
        try
        {
            // The preamble runs to the first boundary line.
            var at = FindBoundaryLine(entity.BodyStart, out var which, out var close);
            while (at < Data.Length)
            {
                if (which != ownIndex)
                {
                    // An enclosing boundary: this multipart ends without its close delimiter.
                    entity.BodyEnd = entity.Children.Count > 0 && lastEndedInHeader ? at : BodyEndBefore(at, entity.BodyStart);
                    return at;
                }

                var afterLine = LineEnd(Data, at);
                if (close)
                {
                    // The epilogue runs to an enclosing boundary or the end (RFC 2046 §5.1.1).
                    boundaries.RemoveAt(ownIndex);
                    var stop = FindBoundaryLine(afterLine, out _, out _);
                    entity.BodyEnd = BodyEndBefore(stop, entity.BodyStart);
                    return stop;
                }

                if (parts >= MaxParts)
                {
                    break;
                }

                var child = ParseEntity(afterLine, childDefault, depth + 1, out at);
                entity.Children.Add(child);
                if (at < Data.Length)
                {
                    MatchBoundary(Data[at..LineEnd(Data, at)], out which, out close);
                }
            }

            entity.BodyEnd = Data.Length;
            return Data.Length;
        }
        finally
        {
            if (boundaries.Count > ownIndex)
            {
                boundaries.RemoveAt(ownIndex);
            }
        }
    }

    // The offset of the next line (from a line start) that is a boundary line of any open multipart, or the end.
    private int FindBoundaryLine(int from, out int which, out bool close)
    {
        which = -1;
        close = false;
        var data = Data;
        if (boundaries.Count == 0)
        {
            return data.Length;
        }

        var pos = from;
        while (pos < data.Length)
        {
            var lineEnd = LineEnd(data, pos);
            if (MatchBoundary(data[pos..lineEnd], out which, out close))
            {
                return pos;
            }

            pos = lineEnd;
        }

        return data.Length;
    }

    // "--" boundary at the start of the line; the longest matching open boundary wins; "--" after it closes.
    private bool MatchBoundary(ReadOnlySpan<byte> line, out int which, out bool close)
    {
        which = -1;
        close = false;
        if (line.Length < 2 || line[0] != '-' || line[1] != '-')
        {
            return false;
        }

        var rest = line[2..];
        var content = rest.TrimEnd("\r\n"u8);
        var bestLength = -1;
        for (var i = boundaries.Count - 1; i >= 0; i--)
        {
            var b = boundaries[i];
            if (b.Length > bestLength && content.StartsWith(b))
            {
                which = i;
                bestLength = b.Length;
            }
        }

        if (which < 0)
        {
            return false;
        }

        close = content.Length >= bestLength + 2 && content[bestLength] == '-' && content[bestLength + 1] == '-';
        return true;
    }

    // RFC 2046 §5.1.1: the line break before a boundary line belongs to the boundary, not to the part before it.
    private int BodyEndBefore(int boundaryLine, int bodyStart)
    {
        var data = Data;
        if (boundaryLine >= data.Length)
        {
            return data.Length;
        }

        var end = boundaryLine;
        if (end - 2 >= bodyStart && data[end - 2] == '\r' && data[end - 1] == '\n')
        {
            end -= 2;
        }
        else if (end - 1 >= bodyStart && data[end - 1] == '\n')
        {
            end -= 1;
        }

        return end;
    }

    private static int LineEnd(ReadOnlySpan<byte> data, int pos)
    {
        var lf = data[pos..].IndexOf((byte)'\n');
        return lf < 0 ? data.Length : pos + lf + 1;
    }
}
