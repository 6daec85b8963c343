using Kakunin.Protocol;
using Kakunin.Smtp.Dns;

namespace Kakunin.Smtp.Client;

/// <summary>
/// Delivers a message to the next hop for its domain: the smarthost when configured, otherwise the
/// MX hosts in preference order (RFC 5321 §5.1), moving to the next host while a host gives no
/// definite answer (connection refused or lost before MAIL was accepted, a non-220 greeting, a 421).
/// DSN parameters travel unchanged to a DSN-capable hop (RFC 3461 §4) and are left off otherwise.
/// </summary>
public sealed class SmtpOutboundTransport : IOutboundTransport
{
    private readonly SmtpOutboundOptions _options;
    private readonly IMxResolver _mxResolver;
    private readonly SmtpDeliveryAttempt _attempt;

    public SmtpOutboundTransport(SmtpOutboundOptions options, ISmtpDialer dialer, IMxResolver mxResolver, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(dialer);
        ArgumentNullException.ThrowIfNull(mxResolver);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _options = options;
        _mxResolver = mxResolver;
        _attempt = new SmtpDeliveryAttempt(dialer, options, timeProvider);
    }

    /// <inheritdoc />
    public string DestinationOf(string domain) =>
        _options.Smarthost is { } smarthost ? $"[{smarthost.Host}]:{smarthost.Port}" : domain;

    public async Task<IReadOnlyList<RecipientDeliveryResult>> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var results = new RecipientDeliveryResult?[message.Recipients.Count];
        Precheck(message, results);
        if (results.All(r => r is not null))
        {
            return results!;
        }

        IReadOnlyList<(string Host, int Port)> targets;
        if (_options.Smarthost is { } smarthost)
        {
            targets = [(smarthost.Host, smarthost.Port)];
        }
        else
        {
            var mx = await _mxResolver.ResolveAsync(message.Domain, cancellationToken).ConfigureAwait(false);
            if (mx.Failure is { } failure)
            {
                var outcome = failure.IsPermanent ? RecipientOutcomeKind.PermanentFailure : RecipientOutcomeKind.TransientFailure;
                return Fill(message, results, r => new RecipientDeliveryResult(r.Address, outcome, null, failure.Detail, null, false, failure.Status));
            }
            targets = [.. mx.Hosts.Take(_options.MaxHosts).Select(h => (h, _options.Port))];
        }

        HostAttemptResult? last = null;
        foreach (var (host, port) in targets)
        {
            var pending = Enumerable.Range(0, results.Length).Where(i => results[i] is null).ToList();
            if (pending.Count == 0)
            {
                break;
            }
            var attempt = await _attempt.RunAsync(host, port, message, pending, useTls: true, cancellationToken).ConfigureAwait(false);
            if (attempt.TlsFailed && _options.PlaintextAfterTlsFailure)
            {
                // Opportunistic TLS (RFC 7435): a broken handshake should not stop delivery; reconnect in plaintext.
                attempt = await _attempt.RunAsync(host, port, message, pending, useTls: false, cancellationToken).ConfigureAwait(false);
            }
            foreach (var (index, result) in attempt.Decided)
            {
                results[index] = result;
            }
            last = attempt;
            if (!attempt.TryNextHost)
            {
                break;
            }
        }

        // Whatever is still undecided waits for the next attempt.
        return Fill(message, results, r => new RecipientDeliveryResult(
            r.Address,
            RecipientOutcomeKind.TransientFailure,
            last?.Reply,
            last?.Detail ?? $"no mail host for {message.Domain} could be reached",
            last?.RemoteMta,
            last?.RemoteOffersDsn ?? false,
            last?.Status ?? EnhancedStatusCodes.NoAnswerFromHost));
    }

    /// <summary>Refuses locally what no server could take: unsafe addresses, an ENVID xtext cannot carry, BINARYMIME (needs BDAT, RFC 3030 §3, not implemented).</summary>
    private static void Precheck(OutboundMessage message, RecipientDeliveryResult?[] results)
    {
        var full = new SmtpCapabilities { IsExtended = true, Dsn = true, SmtpUtf8 = true };
        string? messageProblem = null;
        var status = EnhancedStatusCodes.BadSenderMailboxSyntax;
        if (message.EnvelopeId is { } envid && envid.Any(c => c > '\u00FF'))
        {
            // RFC 3461 §4.4: ENVID is xtext, i.e. octets; OutboundMessage holds it decoded.
            messageProblem = "ENVID has characters xtext cannot encode";
            status = EnhancedStatusCodes.InvalidArguments;
        }
        try
        {
            SmtpCommands.MailFrom(message with { EnvelopeId = null }, full, null);
        }
        catch (ArgumentException ex)
        {
            messageProblem = $"invalid reverse-path: {ex.Message}";
            status = EnhancedStatusCodes.BadSenderMailboxSyntax;
        }
        if (message.Body == BodyType.BinaryMime)
        {
            messageProblem = "BODY=BINARYMIME needs BDAT (RFC 3030), which this client does not send";
            status = EnhancedStatusCodes.ConversionRequiredNotSupported;
        }

        for (var i = 0; i < results.Length; i++)
        {
            var recipient = message.Recipients[i];
            if (messageProblem is not null)
            {
                results[i] = new RecipientDeliveryResult(recipient.Address, RecipientOutcomeKind.PermanentFailure, null, messageProblem, null, false, status);
                continue;
            }
            try
            {
                SmtpCommands.RcptTo(recipient, full);
            }
            catch (ArgumentException ex)
            {
                results[i] = new RecipientDeliveryResult(recipient.Address, RecipientOutcomeKind.PermanentFailure, null,
                    $"invalid recipient: {ex.Message}", null, false, EnhancedStatusCodes.BadDestinationMailboxSyntax);
            }
        }
    }

    private static RecipientDeliveryResult[] Fill(OutboundMessage message, RecipientDeliveryResult?[] results, Func<OutboundRecipient, RecipientDeliveryResult> make)
    {
        for (var i = 0; i < results.Length; i++)
        {
            results[i] ??= make(message.Recipients[i]);
        }
        return results!;
    }
}
