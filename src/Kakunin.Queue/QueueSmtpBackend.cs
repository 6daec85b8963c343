using Kakunin.Protocol;
using Kakunin.Smtp.Server;
using Kakunin.Store;
using Kakunin.Store.Security;
using Microsoft.Extensions.Logging;

namespace Kakunin.Queue;

/// <summary>
/// The SMTP server's backend: users and policy from the store, and durable acceptance into the queue through
/// <see cref="MailSubmission"/>. A 250 after DATA is sent only once the message, its recipients with their DSN
/// parameters, the sender's Sent copy and the tracking record are committed with synchronous=FULL (RFC 5321
/// §6.1), group-committed with other sessions by the store's single writer.
/// </summary>
public sealed class QueueSmtpBackend : ISmtpBackend
{
    private readonly KakuninStore _store;
    private readonly QueueOptions _options;
    private readonly TimeProvider _time;
    private readonly QueueMetrics _metrics;
    private readonly ILogger _logger;
    private readonly MailSubmission _submission;
    private readonly PasswordSignIn _signIn;
    private readonly InboundAuthentication _authentication;

    /// <param name="signIn">The process's one password check with its shared throttle (SMTP and webmail); when
    /// null (tests of the queue alone) one of this backend's own with the default limits.</param>
    /// <param name="authentication">SPF/DKIM/DMARC/ARC checks and their policy; when null (tests of the queue alone)
    /// none, and the Authentication-Results field records only who submitted.</param>
    public QueueSmtpBackend(KakuninStore store, QueueOptions options, TimeProvider timeProvider, QueueMetrics metrics, ILogger<QueueSmtpBackend> logger, QueueSignal? signal = null, PasswordSignIn? signIn = null, InboundAuthentication? authentication = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(logger);
        (_store, _options, _time, _metrics, _logger) = (store, options, timeProvider, metrics, logger);
        _submission = new MailSubmission(store, options, timeProvider, metrics, logger, signal);
        _authentication = authentication ?? new InboundAuthentication(null, new Authentication.AuthenticationOptions { Enabled = false }, options.HostName);
        _signIn = signIn ?? new PasswordSignIn(store, new AuthThrottle(new AuthThrottleOptions(), timeProvider), timeProvider, Microsoft.Extensions.Logging.Abstractions.NullLogger<PasswordSignIn>.Instance);
    }

    public async ValueTask<SmtpAuthResult> AuthenticateAsync(SmtpSessionInfo session, string userName, string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var result = await _signIn.SignInAsync(userName, password, session.RemoteEndPoint?.Address, "smtp", cancellationToken).ConfigureAwait(false);
        return result.IsRefused ? SmtpAuthResult.Refused
            : result.Address is { } user ? SmtpAuthResult.Accepted(user)
            : SmtpAuthResult.Wrong;
    }

    public async ValueTask<SmtpReply?> CheckSenderAsync(SmtpSessionInfo session, MailFromCommand mailFrom, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(mailFrom);
        if (StoreIntegrityRefusal.Check(_store) is { } damaged)
        {
            return Refuse(session, "MAIL", mailFrom.ReversePath.ToString(), "store-damaged", damaged); // before any byte is sent
        }

        // Disk space first, at the earliest command that can know it, as Postfix does (docs/storage.md, StorageAdmission).
        if (StorageAdmission.CheckMail(_store.Space, mailFrom.Size) is { } full)
        {
            return Refuse(session, "MAIL", mailFrom.ReversePath.ToString(), "storage-full", full);
        }

        var user = session.AuthenticatedUser is { } u ? MailboxIdentity.KeyOf(u) : null;
        if (user is null)
        {
            // RFC 6409 §4.3: submission requires authentication; on port 25 anyone may send to our users.
            return session.Listener == ListenerKind.Inbound ? null : Refuse(session, "MAIL", mailFrom.ReversePath.ToString(), "auth-required", SmtpReplies.AuthenticationRequired);
        }

        if (mailFrom.ReversePath.Mailbox is not { } mailbox)
        {
            return null; // <> from a user: read receipts (MDNs) are sent with the null reverse-path (RFC 8098 §2.1).
        }

        var address = MailboxIdentity.KeyOf(mailbox.ToString());
        if (address == user)
        {
            return null;
        }

        var aliases = await _store.Directory.GetAliasesOfAsync(user, cancellationToken).ConfigureAwait(false);
        return aliases.Contains(address, StringComparer.Ordinal)
            ? null
            : Refuse(session, "MAIL", address, "sender-not-owned", new SmtpReply(553, EnhancedStatusCodes.DeliveryNotAuthorized, $"Sender address <{address}> is not owned by user {user}"));
    }

    public async ValueTask<SmtpReply?> CheckRecipientAsync(SmtpSessionInfo session, MailFromCommand mailFrom, RcptToCommand recipient, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(recipient);
        var address = await AddressOfAsync(recipient.ForwardPath, cancellationToken).ConfigureAwait(false);
        if (await _store.Directory.IsLocalDomainAsync(MailboxIdentity.DomainOf(address), cancellationToken).ConfigureAwait(false))
        {
            // Refuse unknown local recipients now rather than bounce later to a possibly forged sender (backscatter).
            // postmaster@ every local domain is known while the server has an administrator (GetForwardTargetsAsync).
            var known = await _store.Directory.FindUserIdAsync(address, cancellationToken).ConfigureAwait(false) is not null
                || (await _store.Directory.GetForwardTargetsAsync(address, cancellationToken).ConfigureAwait(false)).Count > 0;
            return known ? null : Refuse(session, "RCPT", address, "unknown-user", SmtpReplies.UnknownUser);
        }

        // RFC 5321 §4.5.1: the domain-less <Postmaster> must be accepted; an operator who configured a PostmasterAddress
        // outside our domains has it relayed there. Otherwise no open relay, ever: other domains only after AUTH.
        return session.AuthenticatedUser is not null || (recipient.ForwardPath.IsLocalPostmaster && _options.PostmasterAddress is not null)
            ? null
            : Refuse(session, "RCPT", address, "relay-denied", SmtpReplies.RelayDenied);
    }

    public async ValueTask<SmtpReply> AcceptMessageAsync(SmtpSessionInfo session, SmtpEnvelope envelope, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(content);
        try
        {
            var user = session.AuthenticatedUser is { } u ? MailboxIdentity.KeyOf(u) : null;
            var trusted = _options.IsTrusted(session.RemoteEndPoint?.Address);
            // RFC 8601: our verdict, stamped on top of every accepted message; submitted mail (AUTH or a trusted
            // network) is recorded as auth=pass and not checked further.
            var submitter = user ?? (trusted ? $"[{session.RemoteEndPoint!.Address}]" : null);
            var decision = await _authentication.DecideAsync(session, envelope, submitter, content, d => new ValueTask<bool>(_store.Directory.IsLocalDomainAsync(d, cancellationToken)), cancellationToken).ConfigureAwait(false);
            var stamp = decision.Verdict.ToHeaderValue();
            QueueLog.Authenticated(_logger, session.SessionId, stamp, decision.Problems is { Count: > 0 } p ? " (" + string.Join("; ", p) + ")" : "");
            if (decision.Refusal is { } refusal)
            {
                return Refuse(session, "DATA", envelope.MailFrom.ReversePath.ToString(), decision.Reason ?? "authentication", refusal);
            }

            var bytes = Authentication.AuthenticationResultsField.Stamp(await ReadAllAsync(content, cancellationToken).ConfigureAwait(false), decision.Verdict);
            var now = _time.GetUtcNow();
            var mailFrom = envelope.MailFrom;
            var recipients = new List<NewQueueRecipient>(envelope.Recipients.Count);
            foreach (var r in envelope.Recipients)
            {
                var address = await AddressOfAsync(r.ForwardPath, cancellationToken).ConfigureAwait(false);
                recipients.Add(new NewQueueRecipient(address, r.Notify, r.OriginalRecipientParameter, r.OriginalRecipient));
            }

            var message = new NewQueueMessage(
                QueueIds.New(now), mailFrom.ReversePath.Mailbox?.ToString() ?? string.Empty, recipients, bytes, now, mailFrom.EnvelopeId, mailFrom.Return,
                mailFrom.Body, mailFrom.SmtpUtf8, user, SenderVerified: user is not null || trusted);

            // One transaction: queue rows, the Sent copy and the tracking record commit together (MailSubmission).
            var queued = await _submission.AcceptAsync(message, session.SessionId, cancellationToken).ConfigureAwait(false);
            return SmtpReplies.MessageAccepted(queued.QueueId);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A full disk (below the reserve, SQLITE_FULL, ENOSPC) is 452 4.3.1 with words that say so; other faults 451 4.3.0.
            if (StorageAdmission.ReplyFor(e, _store.Space) is { } full)
            {
                StorageLog.NotStored(_logger, session.SessionId, e.Message);
                _metrics.Rejected("storage-full");
                return full;
            }

            QueueLog.AcceptFailed(_logger, e, session.SessionId);
            _metrics.Rejected("local-error");
            return SmtpReplies.LocalError;
        }
    }

    /// <summary>
    /// The address a forward-path is queued for. The domain-less <c>&lt;Postmaster&gt;</c> (RFC 5321 §4.5.1) goes to
    /// QueueOptions.PostmasterAddress when configured, else to postmaster@ the host name when that is a local domain,
    /// else to postmaster@ the first local domain (ordinal order), whose postmaster is an alias or the administrators.
    /// </summary>
    private async ValueTask<string> AddressOfAsync(ForwardPath path, CancellationToken cancellationToken)
    {
        if (path.Mailbox is { } m)
        {
            return MailboxIdentity.KeyOf(m.ToString());
        }

        var own = MailboxIdentity.KeyOf(_options.Postmaster);
        if (_options.PostmasterAddress is not null || await _store.Directory.IsLocalDomainAsync(MailboxIdentity.DomainOf(own), cancellationToken).ConfigureAwait(false))
        {
            return own;
        }

        var domains = await _store.Directory.GetLocalDomainsAsync(cancellationToken).ConfigureAwait(false);
        return domains.Order(StringComparer.Ordinal).FirstOrDefault() is { } first ? $"postmaster@{first}" : own;
    }

    private SmtpReply Refuse(SmtpSessionInfo session, string command, string address, string reason, SmtpReply reply)
    {
        _metrics.Rejected(reason);
        QueueLog.Refused(_logger, session.SessionId, command, address, reason);
        return reply;
    }

    // One copy into an array of the exact size (the server's stream is seekable, ISmtpBackend says so);
    // a stream of unknown length is still read whole.
    private static async Task<byte[]> ReadAllAsync(Stream content, CancellationToken cancellationToken)
    {
        if (content.CanSeek)
        {
            var bytes = new byte[checked((int)Math.Max(0, content.Length - content.Position))];
            await content.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
            return bytes;
        }

        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }
}
