namespace Kakunin.Protocol;

/// <summary>
/// The MAIL FROM AUTH parameter (RFC 4954 §5): the authenticated submitter's identity, decoded
/// from xtext, or null for <c>AUTH=&lt;&gt;</c> (identity unknown or not trusted).
/// </summary>
public sealed record AuthParameter(string? Identity)
{
    public static readonly AuthParameter Unknown = new((string?)null);

    /// <summary>The parameter value as sent: xtext or <c>&lt;&gt;</c>.</summary>
    public string Encode() => Identity is null ? "<>" : Xtext.Encode(Identity);
}
