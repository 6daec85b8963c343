namespace Kakunin.Imap.Server;

/// <summary>What the connection reads next.</summary>
public enum ImapStep
{
    /// <summary>A command.</summary>
    Command,

    /// <summary>A line answering an AUTHENTICATE challenge (RFC 9051 §6.2.2).</summary>
    AuthResponse,

    /// <summary>IDLE: changes are pushed until the client sends DONE (RFC 2177).</summary>
    Idle,

    /// <summary>The TLS handshake after STARTTLS (RFC 9051 §6.2.1).</summary>
    StartTls,

    /// <summary>Nothing: the connection closes.</summary>
    Close,
}
