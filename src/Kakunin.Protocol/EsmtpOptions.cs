namespace Kakunin.Protocol;

/// <summary>
/// What the server advertised in its EHLO reply; a MAIL or RCPT parameter of an extension that
/// was not advertised is refused with 555 5.5.4 (RFC 5321 §4.1.1.11, RFC 1869 §6).
/// </summary>
/// <param name="MaxMessageSize">The SIZE limit in octets; 0 means no fixed limit (RFC 1870 §4).</param>
/// <param name="Size">SIZE advertised (RFC 1870).</param>
/// <param name="EightBitMime">8BITMIME advertised (RFC 6152): BODY=7BIT/8BITMIME.</param>
/// <param name="BinaryMime">BINARYMIME advertised (RFC 3030): BODY=BINARYMIME.</param>
/// <param name="SmtpUtf8">SMTPUTF8 advertised (RFC 6531).</param>
/// <param name="Dsn">DSN advertised (RFC 3461): RET, ENVID, NOTIFY, ORCPT.</param>
/// <param name="Auth">AUTH advertised (RFC 4954): MAIL FROM AUTH=.</param>
public sealed record EsmtpOptions(
    long MaxMessageSize = 0,
    bool Size = true,
    bool EightBitMime = true,
    bool BinaryMime = false,
    bool SmtpUtf8 = true,
    bool Dsn = true,
    bool Auth = false)
{
    public static readonly EsmtpOptions Default = new();
}
