using Kakunin.Protocol;

namespace Kakunin.Smtp.Client;

/// <summary>What one connection to one host decided, and whether the rest should go to the next host.</summary>
/// <param name="Decided">Results by recipient index (into <see cref="OutboundMessage.Recipients"/>).</param>
/// <param name="TryNextHost">True when the host gave no definite answer for the undecided recipients (refused, 421, lost before MAIL was accepted).</param>
/// <param name="TlsFailed">True when the STARTTLS handshake failed (the transport may retry in plaintext).</param>
/// <param name="Detail">Why the undecided recipients are undecided.</param>
/// <param name="Reply">The reply that ended the attempt, if any.</param>
/// <param name="Status">The status for undecided recipients if this stays the last word.</param>
/// <param name="RemoteMta">The host, when it answered at all.</param>
/// <param name="RemoteOffersDsn">Whether it advertised DSN.</param>
internal sealed record HostAttemptResult(
    IReadOnlyDictionary<int, RecipientDeliveryResult> Decided,
    bool TryNextHost,
    bool TlsFailed,
    string? Detail,
    SmtpReply? Reply,
    EnhancedStatusCode? Status,
    string? RemoteMta,
    bool RemoteOffersDsn)
{
    public static HostAttemptResult NextHost(string detail, SmtpReply? reply, EnhancedStatusCode status, string? remoteMta, bool offersDsn = false) =>
        new(new Dictionary<int, RecipientDeliveryResult>(), true, false, detail, reply, status, remoteMta, offersDsn);
}
