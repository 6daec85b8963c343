namespace Kakunin.Smtp.Server;

/// <summary>What a listening port is for; it decides what the session allows.</summary>
public enum ListenerKind
{
    /// <summary>Mail from other MTAs (port 25): only for local domains, no AUTH needed, no relaying.</summary>
    Inbound,

    /// <summary>Message submission (port 587, RFC 6409): STARTTLS then AUTH required; relaying for authenticated users.</summary>
    Submission,

    /// <summary>Submission over implicit TLS (port 465, RFC 8314 §3.3).</summary>
    SubmissionTls,
}
