using System.Text;
using Kakunin.Protocol;
using Kakunin.Reports.Dsn;
using Kakunin.Store;
using MimeKit;

namespace Kakunin.Queue;

/// <summary>Builds the DSN for one original message (several recipients grouped) with DsnComposer, as a message to queue.</summary>
internal static class DsnFactory
{
    public static NewQueueMessage Create(
        QueueMessageRecord original,
        byte[] originalContent,
        IReadOnlyList<(QueueRecipientRecord Recipient, DsnAction Action)> entries,
        DateTimeOffset now,
        QueueOptions options,
        string? language = null)
    {
        var expiry = original.ReceivedAt + options.MaximalLifetime;
        var report = new DeliveryStatusReport
        {
            ReportingMta = MtaName.Dns(options.HostName),
            OriginalEnvelopeId = original.EnvelopeId,
            ArrivalDate = original.ReceivedAt,
            Recipients = [.. entries.Select(e => Recipient(e.Recipient, e.Action, now, expiry, original.QueueId))],
        };
        var outgoing = DsnComposer.ComposeForSending(new DsnComposeRequest
        {
            Report = report,
            ReportingMailbox = new MailboxAddress("Mail Delivery System", $"MAILER-DAEMON@{options.HostName}"),
            OriginalEnvelopeSender = original.ReversePath,
            Date = now,
            Language = language ?? options.DsnLanguage, // the sender's own language when they chose one
            Return = original.Return ?? DsnReturn.Headers, // RFC 3461 §4.3: headers only when RET is absent
            OriginalBytes = originalContent,
        });

        using var stream = new MemoryStream();
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos; // stored bytes are CRLF, as received mail is
        outgoing.Message.WriteTo(format, stream);
        var bytes = stream.ToArray();
        var utf8 = !Ascii.IsValid(outgoing.Recipient);
        return new NewQueueMessage(
            QueueIds.New(now),
            outgoing.ReversePath, // always empty: RFC 3461 §6.1, a DSN never causes a DSN
            [new NewQueueRecipient(outgoing.Recipient)],
            bytes,
            now,
            Body: Ascii.IsValid(bytes) ? null : BodyType.EightBitMime,
            SmtpUtf8: utf8,
            IsReport: true);
    }

    private static DsnRecipient Recipient(QueueRecipientRecord r, DsnAction action, DateTimeOffset now, DateTimeOffset expiry, string queueId) => new()
    {
        // RFC 6533 §3: utf-8 address type when the address is not ASCII.
        FinalRecipient = new TypedAddress(Ascii.IsValid(r.Address) ? TypedAddress.Rfc822Type : TypedAddress.Utf8Type, r.Address),
        OriginalRecipient = r.OriginalRecipient, // RFC 3464 §2.3.1: only when ORCPT was given
        Action = action,
        Status = Status(r, action),
        RemoteMta = r.RemoteMta is { } mta ? MtaName.Dns(mta) : null,
        DiagnosticCode = r.Diagnostic is { } d ? new DiagnosticCode(r.DiagnosticType ?? "smtp", d) : null,
        LastAttemptDate = r.LastAttemptAt ?? now,
        FinalLogId = queueId,
        WillRetryUntil = action == DsnAction.Delayed ? expiry : null, // RFC 3464 §2.3.9
    };

    /// <summary>RFC 3464 §2.3.4: the status class fits the action (2 for success, 4 for delayed, 4 or 5 for failed).</summary>
    private static EnhancedStatusCode Status(QueueRecipientRecord r, DsnAction action)
    {
        var stored = r.Status is { } s && EnhancedStatusCode.TryParse(s, out var parsed) ? parsed : null;
        return action switch
        {
            DsnAction.Failed => stored is { Class: 4 or 5 } f ? f : EnhancedStatusCodes.OtherUndefinedPermanent,
            DsnAction.Delayed => stored is { Class: 4 } t ? t : EnhancedStatusCodes.OtherUndefinedTransient,
            DsnAction.Relayed => EnhancedStatusCodes.RelayedToNonCompliantMailer, // 2.1.9: relayed to a mailer that does not offer DSN (RFC 3886)
            _ => EnhancedStatusCodes.Success,
        };
    }
}
