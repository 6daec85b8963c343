namespace Kakunin.Authentication.Dns;

/// <summary>
/// How a DNS question ended, in the three ways the authentication RFCs tell apart: an answer, a "void" answer
/// (RFC 7208 §4.6.4: NOERROR with no records of the type, or NXDOMAIN), and a temporary failure (timeout, SERVFAIL,
/// REFUSED and the rest: RFC 7208 §2.6.6 temperror, RFC 6376 §6.1.2 TEMPFAIL, RFC 7489 §6.6.3).
/// </summary>
public enum DnsStatus
{
    /// <summary>NOERROR with at least one record of the type asked.</summary>
    Found,

    /// <summary>NOERROR without a record of the type asked (the name exists).</summary>
    NoData,

    /// <summary>RCODE 3: the name does not exist.</summary>
    NxDomain,

    /// <summary>Timeout, SERVFAIL, REFUSED or a transport error: asking again later may help.</summary>
    TempError,
}
