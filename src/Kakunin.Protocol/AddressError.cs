namespace Kakunin.Protocol;

/// <summary>Why a mailbox or path did not parse (RFC 5321 §4.1.2, §4.5.3.1; RFC 6531 §3.3).</summary>
public enum AddressError
{
    None = 0,

    /// <summary>Nothing to parse.</summary>
    Empty,

    /// <summary>No "@" between local part and domain.</summary>
    MissingAt,

    /// <summary>The local part is neither a Dot-string nor a Quoted-string (RFC 5321 §4.1.2).</summary>
    InvalidLocalPart,

    /// <summary>The local part is over 64 octets (RFC 5321 §4.5.3.1.1).</summary>
    LocalPartTooLong,

    /// <summary>The domain is not a valid domain name, or an IDN label does not convert (RFC 5321 §4.1.2, RFC 5890).</summary>
    InvalidDomain,

    /// <summary>The domain is over 255 octets (RFC 5321 §4.5.3.1.2) or a label over 63 (RFC 1035 §2.3.4).</summary>
    DomainTooLong,

    /// <summary>A bracketed address literal is neither IPv4 nor <c>IPv6:</c> (RFC 5321 §4.1.3).</summary>
    InvalidAddressLiteral,

    /// <summary>Non-ASCII characters where SMTPUTF8 is not in effect (RFC 6531 §3.3).</summary>
    NonAsciiNotPermitted,

    /// <summary>The path is over 256 octets including "&lt;" and "&gt;" (RFC 5321 §4.5.3.1.3).</summary>
    PathTooLong,

    /// <summary>The path lacks "&lt;" or "&gt;", or has text after "&gt;" (RFC 5321 §4.1.2 Path).</summary>
    InvalidPath,

    /// <summary>A source route (A-d-l) before ":" is malformed (RFC 5321 §4.1.2).</summary>
    InvalidSourceRoute,

    /// <summary>The null path "&lt;&gt;" where a mailbox is required (RCPT TO, RFC 5321 §4.1.1.3).</summary>
    NullPathNotAllowed,
}
