using Kakunin.Protocol;

namespace Kakunin.Smtp.Client;

/// <summary>What happened to one recipient in one delivery attempt.</summary>
/// <param name="Address">The recipient.</param>
/// <param name="Outcome">Accepted, or which kind of failure.</param>
/// <param name="Reply">The remote server's reply that decided it (for a Diagnostic-Code), when there was one.</param>
/// <param name="Detail">A human-readable explanation when there was no reply (e.g. "connection refused by mx.example.com[192.0.2.1]").</param>
/// <param name="RemoteMta">The host that answered (for Remote-MTA), when one did.</param>
/// <param name="RemoteOffersDsn">Whether that host advertised DSN (RFC 3461): if not, and SUCCESS was asked, a "relayed" DSN is due.</param>
public sealed record RecipientDeliveryResult(
    string Address,
    RecipientOutcomeKind Outcome,
    SmtpReply? Reply,
    string? Detail,
    string? RemoteMta,
    bool RemoteOffersDsn);
