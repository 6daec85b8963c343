namespace Kakunin.Smtp.Server;

/// <summary>What the connection reads next after a session reply.</summary>
public enum SmtpStep
{
    /// <summary>A command line.</summary>
    Command,

    /// <summary>A line of a SASL exchange after a 334 (RFC 4954 §4).</summary>
    AuthResponse,

    /// <summary>DATA content up to CRLF.CRLF (RFC 5321 §4.1.1.4).</summary>
    Data,

    /// <summary>Exactly <see cref="SmtpResponse.ChunkSize"/> octets of BDAT content (RFC 3030 §2).</summary>
    Chunk,

    /// <summary>A TLS handshake (RFC 3207 §4), then commands again.</summary>
    StartTls,

    /// <summary>Nothing: close the connection after the replies.</summary>
    Close,
}
