using Kakunin.Protocol;

namespace Kakunin.Smtp.Client;

/// <summary>
/// One mail transaction on an open session: MAIL, one RCPT per undecided recipient (pipelined when
/// the server offers PIPELINING, RFC 2920), DATA with the streamed content, QUIT.
/// </summary>
/// <remarks>
/// Outcomes: a RCPT reply decides its recipient (2xx continue, 4xx transient, 5xx permanent);
/// the DATA and end-of-data replies apply to every accepted recipient (RFC 5321 §3.3); a 421 before
/// the content is sent leaves the recipients undecided and moves on to the next host; a lost
/// connection after MAIL was accepted makes every undecided recipient transient.
/// </remarks>
internal sealed class SmtpTransaction(SmtpClientSession session, SmtpClientTimeouts timeouts, OutboundMessage message, IReadOnlyList<int> pending)
{
    private readonly Dictionary<int, RecipientDeliveryResult> _decided = [];
    private bool _mailAccepted;

    private string Host => session.RemoteHost;

    private bool Dsn => session.Capabilities.Dsn;

    public async Task<HostAttemptResult> RunAsync(CancellationToken cancellationToken)
    {
        var caps = session.Capabilities;
        if (message.SmtpUtf8 && !caps.SmtpUtf8 && !SmtpCommands.IsAsciiEnvelope(message, pending.Select(i => message.Recipients[i])))
        {
            // RFC 6531 §3.2: a message that needs SMTPUTF8 must not go to a server without it.
            foreach (var i in pending)
            {
                Decide(i, RecipientOutcomeKind.PermanentFailure, null, EnhancedStatusCodes.NonAsciiAddressNotPermitted,
                    $"{Host} does not support SMTPUTF8, needed for a non-ASCII address (RFC 6531 §3.2)");
            }
            await session.QuitAsync(cancellationToken).ConfigureAwait(false);
            return Done(false, null, null, null);
        }

        try
        {
            return await TransactAsync(caps, cancellationToken).ConfigureAwait(false);
        }
        catch (SmtpConnectionException ex) when (_mailAccepted)
        {
            // RFC 5321 §4.5.3.2: the transaction is aborted; the message was not taken. Retry later.
            return Done(false, ex.Message, null, EnhancedStatusCodes.BadConnection);
        }
        catch (IOException ex)
        {
            // The session turns network I/O errors into SmtpConnectionException, so this is the local
            // message store failing. No end-of-data was sent: closing the connection makes the server
            // discard the partial message (RFC 5321 §4.1.1.4), so nothing truncated is delivered.
            return Done(false, $"reading the queued message failed: {ex.Message}", null, EnhancedStatusCodes.OtherMailSystem);
        }
    }

    private async Task<HostAttemptResult> TransactAsync(SmtpCapabilities caps, CancellationToken cancellationToken)
    {
        var content = await message.OpenContentAsync(cancellationToken).ConfigureAwait(false);
        await using (content.ConfigureAwait(false))
        {
            long? size = content.CanSeek ? content.Length - content.Position : null;
            var mail = SmtpCommands.MailFrom(message, caps, size);
            var rcpts = pending.Select(i => SmtpCommands.RcptTo(message.Recipients[i], caps)).ToList();

            SmtpReply mailReply;
            if (caps.Pipelining)
            {
                // RFC 2920 §3.1: MAIL and RCPT may be grouped; the replies come back in order.
                await session.WriteCommandsAsync([mail, .. rcpts], timeouts.Mail, cancellationToken).ConfigureAwait(false);
                mailReply = await session.ReadReplyAsync(timeouts.Mail, "the reply to MAIL", cancellationToken).ConfigureAwait(false);
            }
            else
            {
                mailReply = await session.CommandAsync(mail, timeouts.Mail, cancellationToken).ConfigureAwait(false);
            }

            if (mailReply.Code == 421)
            {
                return Done(true, $"{Host} closing: {mailReply}", mailReply, SmtpDeliveryAttempt.TransientStatus(mailReply));
            }
            if (!mailReply.IsPositive)
            {
                // The sender was refused: that reply is the answer for every recipient.
                foreach (var i in pending)
                {
                    DecideByReply(i, mailReply);
                }
                await session.QuitAsync(cancellationToken).ConfigureAwait(false);
                return Done(false, null, null, null);
            }
            _mailAccepted = true;

            var accepted = new List<int>();
            for (var k = 0; k < pending.Count; k++)
            {
                var reply = caps.Pipelining
                    ? await session.ReadReplyAsync(timeouts.Rcpt, "the reply to RCPT", cancellationToken).ConfigureAwait(false)
                    : await session.CommandAsync(rcpts[k], timeouts.Rcpt, cancellationToken).ConfigureAwait(false);
                if (reply.Code == 421)
                {
                    // The server is closing: recipients from here on go to the next host.
                    return Done(true, $"{Host} closing: {reply}", reply, SmtpDeliveryAttempt.TransientStatus(reply));
                }
                if (reply.IsPositive)
                {
                    accepted.Add(pending[k]);
                }
                else
                {
                    DecideByReply(pending[k], reply);
                }
            }

            if (accepted.Count == 0)
            {
                await session.QuitAsync(cancellationToken).ConfigureAwait(false);
                return Done(false, null, null, null);
            }

            var data = await session.CommandAsync("DATA", timeouts.DataInitiation, cancellationToken).ConfigureAwait(false);
            if (data.Code == 421)
            {
                return Done(true, $"{Host} closing: {data}", data, SmtpDeliveryAttempt.TransientStatus(data));
            }
            if (data.Code != 354)
            {
                foreach (var i in accepted)
                {
                    DecideByReply(i, data);
                }
                await session.QuitAsync(cancellationToken).ConfigureAwait(false);
                return Done(false, null, null, null);
            }

            var final = await session.SendContentAsync(content, cancellationToken).ConfigureAwait(false);
            foreach (var i in accepted)
            {
                DecideByReply(i, final);
            }
            await session.QuitAsync(cancellationToken).ConfigureAwait(false);
            return Done(false, null, null, null);
        }
    }

    private void DecideByReply(int index, SmtpReply reply)
    {
        var outcome = reply.Code switch
        {
            < 400 => RecipientOutcomeKind.Accepted,
            < 500 => RecipientOutcomeKind.TransientFailure,
            _ => RecipientOutcomeKind.PermanentFailure,
        };
        Decide(index, outcome, reply, reply.EnhancedCode, null);
    }

    private void Decide(int index, RecipientOutcomeKind outcome, SmtpReply? reply, EnhancedStatusCode? status, string? detail) =>
        _decided[index] = new RecipientDeliveryResult(message.Recipients[index].Address, outcome, reply, detail, Host, Dsn, status);

    private HostAttemptResult Done(bool tryNextHost, string? detail, SmtpReply? reply, EnhancedStatusCode? status) =>
        new(_decided, tryNextHost, false, detail, reply, status, Host, Dsn);
}
