using Kakunin.Protocol;

namespace Kakunin.Smtp.Client;

/// <summary>What happened to one recipient in one delivery attempt.</summary>
/// <param name="Address">The recipient.</param>
/// <param name="Outcome">Accepted, or which kind of failure.</param>
/// <param name="Reply">The remote server's reply that decided it (for a Diagnostic-Code), when there was one.</param>
/// <param name="Detail">A human-readable explanation when there was no reply (e.g. "connection refused by mx.example.com[192.0.2.1]").</param>
/// <param name="RemoteMta">The host that answered (for Remote-MTA), when one did.</param>
/// <param name="RemoteOffersDsn">Whether that host advertised DSN (RFC 3461): if not, and SUCCESS was asked, a "relayed" DSN is due.</param>
/// <param name="Status">
/// The status for the DSN's Status field (RFC 3464 §2.3.4): the reply's enhanced code when it had one,
/// or the code the transport chose when there was no reply (null MX 5.1.10, NXDOMAIN 5.1.2, DNS
/// failure 4.4.3, no answer 4.4.1, connection lost 4.4.2). Null when the reply carried no enhanced code.
/// </param>
public sealed record RecipientDeliveryResult(
    string Address,
    RecipientOutcomeKind Outcome,
    SmtpReply? Reply,
    string? Detail,
    string? RemoteMta,
    bool RemoteOffersDsn,
    EnhancedStatusCode? Status = null);
