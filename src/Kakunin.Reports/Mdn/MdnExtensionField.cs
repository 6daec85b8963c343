namespace Kakunin.Reports.Mdn;

/// <summary>
/// A field of a message/disposition-notification body that Kakunin does not interpret
/// (RFC 8098 §3.3 extension-field), kept in order so that nothing is lost on parse.
/// </summary>
/// <param name="Name">The field name as written.</param>
/// <param name="Value">The unfolded value, trimmed.</param>
public sealed record MdnExtensionField(string Name, string Value);
