using Kakunin.Authentication;
using Kakunin.Authentication.Dmarc;
using Kakunin.Protocol;
using Kakunin.Smtp.Server;

namespace Kakunin.Queue;

/// <summary>
/// The authentication step of accepting a message at end of DATA: the checks (<see cref="MessageAuthenticator"/>),
/// then the policy on their verdict — DMARC p=reject refused (configurable), mail claiming one of our own domains
/// from outside refused unless SPF or DKIM passes for it. A temporary DNS failure never loses mail: it is recorded
/// and the message accepted, except where refusing for good would be wrong and accepting would let a forgery in
/// (our own domain could not be verified): there 451 4.4.3, as RFC 7208 §8.6 advises for temperror.
/// </summary>
public sealed class InboundAuthentication
{
    private readonly MessageAuthenticator? _authenticator;
    private readonly AuthenticationOptions _options;
    private readonly string _authservId;

    /// <param name="authenticator">The checks; not used when <see cref="AuthenticationOptions.Enabled"/> is off.</param>
    public InboundAuthentication(MessageAuthenticator? authenticator, AuthenticationOptions options, string authservId)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(authservId);
        // Off means off whatever the caller passed: no checks, submitted and outside mail stamped alike.
        (_authenticator, _options, _authservId) = (options.Enabled ? authenticator : null, options, authservId);
    }

    /// <summary>The verdict to stamp, or the reply that refuses the message (with a short reason for logs and metrics).</summary>
    public sealed record Decision(MessageAuthentication Verdict, SmtpReply? Refusal = null, string? Reason = null, IReadOnlyList<string>? Problems = null);

    /// <param name="submitter">The authenticated user, or a name for a trusted network; null for mail from the internet.</param>
    /// <param name="isLocalDomain">Whether a domain is one of ours.</param>
    public async Task<Decision> DecideAsync(SmtpSessionInfo session, SmtpEnvelope envelope, string? submitter, Stream content, Func<string, ValueTask<bool>> isLocalDomain, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(isLocalDomain);
        // Submitted mail: auth=pass, no SPF/DKIM/DMARC (the sender signed in; RFC 8601 §2.7.4).
        if (submitter is not null || _authenticator is null)
            return new Decision(new MessageAuthentication(_authservId, submitter, null, [], null));

        var mailFrom = envelope.MailFrom.ReversePath.Mailbox?.ToString();
        var request = new AuthenticationRequest(session.RemoteEndPoint?.Address, session.HeloName, mailFrom, null);
        var result = await _authenticator.AuthenticateAsync(request, content, cancellationToken).ConfigureAwait(false);
        var verdict = result.Authentication;

        if (_options.RefuseLocalDomainSpoofing && await SpoofRefusalAsync(verdict, result.FromDomains, mailFrom, isLocalDomain).ConfigureAwait(false) is { } spoof)
            return new Decision(verdict, spoof.Reply, spoof.Reason, result.Problems);

        // RFC 7489 §6.6.4 / §10.3: p=reject failures refused during the SMTP transaction, with 5.7.1 (§7.1 of RFC 7372 has no better code).
        if (result.DmarcApplied == DmarcPolicy.Reject && _options.DmarcReject == DmarcEnforcement.Reject)
        {
            var domain = verdict.Dmarc!.FromDomain;
            return new Decision(verdict, new SmtpReply(550, EnhancedStatusCodes.DeliveryNotAuthorized,
                $"Message refused: the DMARC policy of {domain} says reject, and neither SPF nor DKIM passed for {domain}"), "dmarc-reject", result.Problems);
        }

        return new Decision(verdict, null, null, result.Problems);
    }

    private async Task<(SmtpReply Reply, string Reason)?> SpoofRefusalAsync(MessageAuthentication verdict, IReadOnlyList<string> fromDomains, string? mailFrom, Func<string, ValueTask<bool>> isLocalDomain)
    {
        var claimed = fromDomains.ToList();
        if (mailFrom is not null) claimed.Add(MailboxIdentity.DomainOf(mailFrom));
        foreach (var domain in claimed.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            // Vouched first: it needs no database, and most mail that arrives is vouched for by its own domain.
            if (verdict.Vouches(domain, _authenticator!.Organizational) || !await isLocalDomain(domain).ConfigureAwait(false)) continue;
            if (CouldStillPass(verdict, domain))
            {
                // RFC 7208 §8.6: temperror may be answered with 451 4.4.3; the sender's server tries again later.
                return (new SmtpReply(451, EnhancedStatusCodes.DirectoryServerFailure,
                    $"Mail from {domain}, one of this server's own domains, could not be verified now (DNS failure); try again later"), "local-domain-temperror");
            }
            return (new SmtpReply(550, EnhancedStatusCodes.DeliveryNotAuthorized,
                $"Mail claiming to be from {domain}, a domain of this server, must come from its users over authenticated submission, or pass SPF or DKIM for {domain}"), "local-domain-spoof");
        }
        return null;
    }

    /// <summary>Whether a check that could have vouched for <paramref name="domain"/> ended in temperror.</summary>
    private bool CouldStillPass(MessageAuthentication verdict, string domain)
    {
        var organizational = _authenticator!.Organizational;
        bool Aligned(string d) => string.Equals(organizational.Of(d), organizational.Of(domain), StringComparison.OrdinalIgnoreCase);
        return (verdict.Spf is { Result: AuthResult.TempError } spf && Aligned(spf.Domain))
            || verdict.Dkim.Any(d => d.Result == AuthResult.TempError && Aligned(d.Domain));
    }
}
