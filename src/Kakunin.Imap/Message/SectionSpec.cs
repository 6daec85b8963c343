namespace Kakunin.Imap.Message;

/// <summary>The text part of a FETCH section specifier (RFC 9051 §6.4.5).</summary>
public enum SectionText
{
    /// <summary>BODY[] (the whole message) or BODY[1.2] (a part's content, without its MIME header).</summary>
    None,

    /// <summary>HEADER: the header of the message, or of a message/rfc822 part, with the empty line after it.</summary>
    Header,

    /// <summary>HEADER.FIELDS (list): only the named fields, with the empty line.</summary>
    HeaderFields,

    /// <summary>HEADER.FIELDS.NOT (list): every field but the named ones, with the empty line.</summary>
    HeaderFieldsNot,

    /// <summary>TEXT: the body of the message, or of a message/rfc822 part.</summary>
    Text,

    /// <summary>MIME: the MIME header of a part (only with a part number).</summary>
    Mime,
}

/// <summary>A parsed section specifier: part numbers (empty for the top level), what of it, and field names.</summary>
public sealed record SectionSpec(IReadOnlyList<int> Part, SectionText Text, IReadOnlyList<string> Fields)
{
    /// <summary>BODY[]: the whole message.</summary>
    public static SectionSpec Whole { get; } = new([], SectionText.None, []);
}
