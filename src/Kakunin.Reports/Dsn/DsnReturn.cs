namespace Kakunin.Reports.Dsn;

/// <summary>
/// What of the original message a DSN carries in its third part: the MAIL parameter
/// <c>RET=HDRS</c> or <c>RET=FULL</c> (RFC 3461 §4.3).
/// </summary>
public enum DsnReturn
{
    /// <summary>
    /// <c>RET=HDRS</c>, and the choice when no RET was given: all the original header lines, byte
    /// for byte, as text/rfc822-headers (or message/global-headers, RFC 6533 §6.3).
    /// </summary>
    Headers,

    /// <summary>
    /// <c>RET=FULL</c>: the whole original as message/rfc822 (or message/global). RFC 3461 §4.3 asks
    /// for the full message in "failed" DSNs only; success, delay, relay and expansion notices carry
    /// the headers.
    /// </summary>
    Full,
}
