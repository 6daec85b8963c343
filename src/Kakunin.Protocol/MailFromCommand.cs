namespace Kakunin.Protocol;

/// <summary>A parsed <c>MAIL FROM:&lt;path&gt; [parameters]</c> (RFC 5321 §4.1.1.2) with its ESMTP parameters.</summary>
/// <param name="ReversePath">The sender, or the null path.</param>
/// <param name="Size">SIZE= declared size in octets (RFC 1870); a value too large for <see cref="long"/> is <see cref="long.MaxValue"/>.</param>
/// <param name="Body">BODY= (RFC 6152, RFC 3030).</param>
/// <param name="Return">RET= (RFC 3461 §4.3).</param>
/// <param name="EnvelopeId">ENVID= decoded from xtext (RFC 3461 §4.4).</param>
/// <param name="SmtpUtf8">The SMTPUTF8 parameter was given (RFC 6531 §3.4).</param>
/// <param name="Auth">AUTH= (RFC 4954 §5).</param>
public sealed record MailFromCommand(
    ReversePath ReversePath,
    long? Size = null,
    BodyType? Body = null,
    DsnReturn? Return = null,
    string? EnvelopeId = null,
    bool SmtpUtf8 = false,
    AuthParameter? Auth = null);
