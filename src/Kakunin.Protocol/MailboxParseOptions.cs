namespace Kakunin.Protocol;

/// <summary>How strictly to parse addresses.</summary>
/// <param name="AllowUtf8">
/// True when SMTPUTF8 is in effect for the transaction: UTF-8 local parts and U-labels are
/// allowed (RFC 6531 §3.3). False: ASCII only (RFC 5321).
/// </param>
public sealed record MailboxParseOptions(bool AllowUtf8 = false)
{
    public static readonly MailboxParseOptions Ascii = new(false);
    public static readonly MailboxParseOptions Utf8 = new(true);
}
