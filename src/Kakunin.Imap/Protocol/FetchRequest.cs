using System.Globalization;
using System.Text;
using Kakunin.Imap.Backend;
using Kakunin.Imap.Message;

namespace Kakunin.Imap.Protocol;

/// <summary>The simple FETCH data items (RFC 9051 §6.4.5, RFC 7162 MODSEQ).</summary>
[Flags]
public enum FetchAttributes
{
    None = 0,
    Flags = 1,
    Uid = 2,
    InternalDate = 4,
    Size = 8,
    Envelope = 16,
    Body = 32,
    BodyStructure = 64,
    ModSeq = 128,
}

/// <summary>
/// One BODY[…]/BINARY[…]/RFC822.* item. <paramref name="Name"/> is how the response names it (without the partial
/// origin, which is added for partial fetches), e.g. <c>BODY[HEADER.FIELDS (From)]</c>.
/// </summary>
public sealed record FetchSection(string Name, SectionSpec Spec, bool Peek, bool Binary, bool SizeOnly, long? PartialStart, long? PartialLength)
{
    /// <summary><see cref="Name"/> as the octets the response writes, made once per command rather than per message.</summary>
    public byte[] NameBytes { get; } = Encoding.UTF8.GetBytes(Name);

    /// <summary>Whether the top-level header block is all this needs (the backend then reads only the header).</summary>
    public bool HeaderOnly => !Binary && Spec.Part.Count == 0 && Spec.Text is SectionText.Header or SectionText.HeaderFields or SectionText.HeaderFieldsNot;
}

/// <summary>A parsed FETCH: what to return and its modifiers (RFC 7162 §3.1.4 CHANGEDSINCE, RFC 7162 §3.2.6 VANISHED).</summary>
public sealed record FetchRequest(FetchAttributes Attributes, IReadOnlyList<FetchSection> Sections, ulong? ChangedSince, bool Vanished)
{
    /// <summary>Whether any item sets \Seen (BODY[…] and BINARY[…] without PEEK, RFC822, RFC822.TEXT).</summary>
    public bool SetsSeen => Sections.Any(s => !s.Peek && !s.SizeOnly);

    /// <summary>What the backend must read.</summary>
    public ImapFetchParts Parts
    {
        get
        {
            if ((Attributes & (FetchAttributes.Body | FetchAttributes.BodyStructure)) != 0 || Sections.Any(s => !s.HeaderOnly))
            {
                return ImapFetchParts.Content;
            }

            // ENVELOPE alone needs no header from a backend that has it ready (ImapFetchParts.Envelope).
            return (Sections.Count > 0 ? ImapFetchParts.Header : ImapFetchParts.Metadata)
                | ((Attributes & FetchAttributes.Envelope) != 0 ? ImapFetchParts.Envelope : ImapFetchParts.Metadata);
        }
    }

    /// <summary>Reads the arguments after the sequence set: one item, a macro, or a parenthesised list, then modifiers.</summary>
    public static FetchRequest Parse(ImapParser parser)
    {
        ArgumentNullException.ThrowIfNull(parser);
        var attributes = FetchAttributes.None;
        var sections = new List<FetchSection>();
        if (parser.TryTake('('))
        {
            var first = true;
            while (!parser.TryTake(')'))
            {
                if (!first)
                {
                    parser.Space();
                }

                first = false;
                Item(parser, ref attributes, sections, allowMacro: false);
            }
        }
        else
        {
            Item(parser, ref attributes, sections, allowMacro: true);
        }

        ulong? changedSince = null;
        var vanished = false;
        if (!parser.AtEnd)
        {
            // RFC 4466 fetch-modifiers: SP "(" modifier *(SP modifier) ")"
            parser.Space();
            parser.Expect('(');
            var first = true;
            while (!parser.TryTake(')'))
            {
                if (!first)
                {
                    parser.Space();
                }

                first = false;
                var name = parser.Atom().ToUpperInvariant();
                if (name == "CHANGEDSINCE")
                {
                    parser.Space();
                    changedSince = parser.Number64();
                }
                else if (name == "VANISHED")
                {
                    vanished = true;
                }
                else
                {
                    throw new ImapParseException($"Unknown FETCH modifier {name}");
                }
            }
        }

        parser.End();
        if (vanished && changedSince is null)
        {
            throw new ImapParseException("VANISHED needs CHANGEDSINCE"); // RFC 7162 §3.2.6
        }

        if (changedSince is not null)
        {
            attributes |= FetchAttributes.ModSeq; // RFC 7162 §3.1.4.1: CHANGEDSINCE implies MODSEQ
        }

        return new FetchRequest(attributes, sections, changedSince, vanished);
    }

    private static void Item(ImapParser parser, ref FetchAttributes attributes, List<FetchSection> sections, bool allowMacro)
    {
        var name = parser.Keyword().ToUpperInvariant();
        switch (name)
        {
            // RFC 9051 §6.4.5 macros: only alone, never inside a list.
            case "ALL" when allowMacro: attributes |= FetchAttributes.Flags | FetchAttributes.InternalDate | FetchAttributes.Size | FetchAttributes.Envelope; return;
            case "FAST" when allowMacro: attributes |= FetchAttributes.Flags | FetchAttributes.InternalDate | FetchAttributes.Size; return;
            case "FULL" when allowMacro: attributes |= FetchAttributes.Flags | FetchAttributes.InternalDate | FetchAttributes.Size | FetchAttributes.Envelope | FetchAttributes.Body; return;
            case "FLAGS": attributes |= FetchAttributes.Flags; return;
            case "UID": attributes |= FetchAttributes.Uid; return;
            case "INTERNALDATE": attributes |= FetchAttributes.InternalDate; return;
            case "RFC822.SIZE": attributes |= FetchAttributes.Size; return;
            case "ENVELOPE": attributes |= FetchAttributes.Envelope; return;
            case "BODYSTRUCTURE": attributes |= FetchAttributes.BodyStructure; return;
            case "MODSEQ": attributes |= FetchAttributes.ModSeq; return;
            case "RFC822": sections.Add(new FetchSection("RFC822", SectionSpec.Whole, false, false, false, null, null)); return;
            case "RFC822.HEADER": sections.Add(new FetchSection("RFC822.HEADER", new SectionSpec([], SectionText.Header, []), true, false, false, null, null)); return;
            case "RFC822.TEXT": sections.Add(new FetchSection("RFC822.TEXT", new SectionSpec([], SectionText.Text, []), false, false, false, null, null)); return;
            case "BODY" when parser.Peek() != '[': attributes |= FetchAttributes.Body; return;
            case "BODY" or "BODY.PEEK":
                sections.Add(Section(parser, "BODY", name == "BODY.PEEK", binary: false, sizeOnly: false));
                return;
            case "BINARY" or "BINARY.PEEK" or "BINARY.SIZE":
                sections.Add(Section(parser, name == "BINARY.SIZE" ? "BINARY.SIZE" : "BINARY", name != "BINARY", binary: true, sizeOnly: name == "BINARY.SIZE"));
                return;
            default:
                throw new ImapParseException($"Unknown FETCH item {name}");
        }
    }

    private static FetchSection Section(ImapParser parser, string responseName, bool peek, bool binary, bool sizeOnly)
    {
        parser.Expect('[');
        var parts = new List<int>();
        var text = SectionText.None;
        var fields = new List<string>();
        var name = new StringBuilder(responseName).Append('[');
        if (!parser.TryTake(']'))
        {
            while (parser.Peek() is >= '0' and <= '9')
            {
                parts.Add((int)Math.Min(parser.NzNumber(), int.MaxValue));
                if (!parser.TryTake('.'))
                {
                    break;
                }
            }

            // RFC 3516 section-binary: part numbers only.
            if (parser.Peek() != ']' && !binary)
            {
                var word = parser.Keyword().ToUpperInvariant();
                text = word switch
                {
                    "HEADER" => SectionText.Header,
                    "HEADER.FIELDS" => SectionText.HeaderFields,
                    "HEADER.FIELDS.NOT" => SectionText.HeaderFieldsNot,
                    "TEXT" => SectionText.Text,
                    "MIME" when parts.Count > 0 => SectionText.Mime,
                    _ => throw new ImapParseException($"Invalid section {word}"),
                };
                if (text is SectionText.HeaderFields or SectionText.HeaderFieldsNot)
                {
                    parser.Space();
                    parser.Expect('(');
                    do
                    {
                        fields.Add(parser.AString());
                    }
                    while (parser.TryTake(' '));
                    parser.Expect(')');
                }
            }

            parser.Expect(']');
            name.Append(string.Join('.', parts.Select(p => p.ToString(CultureInfo.InvariantCulture))));
            if (text != SectionText.None)
            {
                if (parts.Count > 0)
                {
                    name.Append('.');
                }

                name.Append(text switch
                {
                    SectionText.Header => "HEADER",
                    SectionText.HeaderFields => "HEADER.FIELDS",
                    SectionText.HeaderFieldsNot => "HEADER.FIELDS.NOT",
                    SectionText.Text => "TEXT",
                    _ => "MIME",
                });
                if (fields.Count > 0)
                {
                    // Dovecot upper-cases the field names in the response item: BODY[HEADER.FIELDS (FROM SUBJECT)].
                    name.Append(" (").Append(string.Join(' ', fields.Select(f => Quote(f.ToUpperInvariant())))).Append(')');
                }
            }
        }

        name.Append(']');
        long? start = null;
        long? length = null;
        if (!sizeOnly && parser.TryTake('<'))
        {
            start = (long)parser.Number();
            parser.Expect('.');
            length = (long)parser.NzNumber();
            parser.Expect('>');
        }

        return new FetchSection(name.ToString(), new SectionSpec(parts, text, fields), peek, binary, sizeOnly, start, length);
    }

    // Field names go back as atoms when they are atoms, else quoted.
    private static string Quote(string field) =>
        field.Length > 0 && field.All(c => c is > ' ' and < (char)0x7F and not ('(' or ')' or '{' or '%' or '*' or '"' or '\\' or ']'))
            ? field
            : "\"" + field.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
