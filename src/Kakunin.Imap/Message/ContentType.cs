namespace Kakunin.Imap.Message;

/// <summary>A parameter as written (name case kept; value unquoted), after RFC 2231 continuations were joined.</summary>
internal readonly record struct MimeParameter(string Name, string Value);

/// <summary>
/// A Content-Type as IMAP reports it (RFC 9051 §7.5.2 BODYSTRUCTURE): type and subtype as written, parameters in
/// order. Absent or unreadable fields give the default (RFC 2045 §5.2: text/plain; charset=us-ascii, and in a
/// multipart/digest message/rfc822, RFC 2046 §5.1.5).
/// </summary>
internal sealed record ContentType(string Type, string Subtype, IReadOnlyList<MimeParameter> Parameters, bool IsDefault)
{
    public static ContentType TextPlainDefault { get; } = new("text", "plain", [new("charset", "us-ascii")], true);

    public static ContentType MessageRfc822Default { get; } = new("message", "rfc822", [], true);

    public bool IsMultipart => Type.Equals("multipart", StringComparison.OrdinalIgnoreCase);

    public bool IsDigest => IsMultipart && Subtype.Equals("digest", StringComparison.OrdinalIgnoreCase);

    public bool IsText => Type.Equals("text", StringComparison.OrdinalIgnoreCase);

    /// <summary>message/rfc822 and message/global (RFC 6532) encapsulate a message that IMAP opens as parts.</summary>
    public bool IsMessage => Type.Equals("message", StringComparison.OrdinalIgnoreCase)
        && (Subtype.Equals("rfc822", StringComparison.OrdinalIgnoreCase) || Subtype.Equals("global", StringComparison.OrdinalIgnoreCase));

    /// <summary>The multipart boundary as bytes; null when absent or empty (then the entity is read as one body).</summary>
    public byte[]? Boundary
    {
        get
        {
            var value = Parameter("boundary");
            return string.IsNullOrEmpty(value) ? null : System.Text.Encoding.Latin1.GetBytes(value);
        }
    }

    public string? Parameter(string name) => Parameters.FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>The entity's Content-Type, or <paramref name="defaultType"/> when there is none or it is unreadable.</summary>
    public static ContentType FromHeader(ReadOnlyMemory<byte> message, MimeEntity entity, ContentType defaultType)
    {
        var raw = HeaderFieldReader.First(message.Span, entity, "Content-Type");
        if (raw is null)
        {
            return defaultType;
        }

        var tokens = new HeaderTokenizer(raw);
        tokens.SkipCfws();
        var type = tokens.ReadMimeToken();
        tokens.SkipCfws();
        if (type.Length == 0 || tokens.AtEnd || tokens.Current != '/')
        {
            return defaultType;
        }

        tokens.Position++;
        tokens.SkipCfws();
        var subtype = tokens.ReadMimeToken();
        if (subtype.Length == 0)
        {
            return defaultType;
        }

        var parameters = ReadParameters(ref tokens);

        // Dovecot adds the RFC 2045 default charset to text parts that name none.
        if (type.Equals("text", StringComparison.OrdinalIgnoreCase) && !parameters.Any(p => p.Name.Equals("charset", StringComparison.OrdinalIgnoreCase)))
        {
            parameters.Add(new MimeParameter("charset", "us-ascii"));
        }

        return new ContentType(type, subtype, parameters, false);
    }

    /// <summary>"; name=value" pairs up to the first unreadable one, with RFC 2231 continuations joined.</summary>
    public static List<MimeParameter> ReadParameters(ref HeaderTokenizer tokens)
    {
        var plain = new List<MimeParameter>();
        var continued = new SortedDictionary<string, SortedDictionary<int, (string Value, bool Extended)>>(StringComparer.OrdinalIgnoreCase);
        while (true)
        {
            tokens.SkipCfws();
            if (tokens.AtEnd || tokens.Current != ';')
            {
                break;
            }

            tokens.Position++;
            tokens.SkipCfws();
            var name = tokens.ReadMimeToken();
            tokens.SkipCfws();
            if (name.Length == 0 || tokens.AtEnd || tokens.Current != '=')
            {
                break;
            }

            tokens.Position++;
            tokens.SkipCfws();
            if (tokens.AtEnd)
            {
                break;
            }

            var value = tokens.Current == '"' ? tokens.ReadQuotedString() : tokens.ReadMimeToken();
            if (TrySplitContinuation(name, out var baseName, out var index, out var extended))
            {
                if (!continued.TryGetValue(baseName, out var segments))
                {
                    continued[baseName] = segments = [];
                }

                segments.TryAdd(index, (value, extended));
            }
            else
            {
                plain.Add(new MimeParameter(name, value));
            }
        }

        // RFC 2231 §3: name*0, name*1… join into name; when the first segment is encoded (name*0*), into name* with
        // the charset'language' prefix and %-escapes kept as written (Dovecot does not decode them either).
        foreach (var (baseName, segments) in continued)
        {
            var extended = segments.First().Value.Extended;
            plain.Add(new MimeParameter(extended ? baseName + "*" : baseName, string.Concat(segments.Values.Select(s => s.Value))));
        }

        return plain;
    }

    private static bool TrySplitContinuation(string name, out string baseName, out int index, out bool extended)
    {
        baseName = name;
        index = 0;
        extended = name.EndsWith('*');
        var core = extended ? name[..^1] : name;
        var star = core.LastIndexOf('*');
        if (star <= 0 || !int.TryParse(core.AsSpan(star + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out index))
        {
            return false;
        }

        baseName = core[..star];
        return true;
    }
}
