using Kakunin.Protocol;

namespace Kakunin.Smtp.Client;

/// <summary>
/// A message for one next-hop domain: the envelope as received (ENVID, RET, BODY, SMTPUTF8 passed on
/// unchanged to a DSN-capable hop) and a way to open the stored bytes.
/// </summary>
/// <param name="Domain">The recipients' domain, whose MX hosts (or the smarthost) are tried.</param>
/// <param name="ReversePath">The MAIL FROM address; empty for the null reverse-path (DSNs, MDNs).</param>
/// <param name="OpenContentAsync">Opens the message bytes (CRLF, not dot-stuffed) for reading; called once per attempt.</param>
public sealed record OutboundMessage(
    string Domain,
    string ReversePath,
    IReadOnlyList<OutboundRecipient> Recipients,
    Func<CancellationToken, ValueTask<Stream>> OpenContentAsync,
    string? EnvelopeId = null,
    DsnReturn? Return = null,
    BodyType? Body = null,
    bool SmtpUtf8 = false);
