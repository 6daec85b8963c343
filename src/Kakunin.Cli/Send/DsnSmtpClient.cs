using MailKit;
using MailKit.Net.Smtp;
using MimeKit;

namespace Kakunin.Cli.Send;

/// <summary>
/// MailKit's SMTP client with the DSN parameters of RFC 3461 chosen per send: NOTIFY for every
/// recipient and ENVID for the message (MailKit asks for them through virtual methods; RET is its
/// <see cref="SmtpClient.DeliveryStatusNotificationType"/> property).
/// </summary>
internal sealed class DsnSmtpClient(DeliveryStatusNotification? notify, string? envelopeId) : SmtpClient
{
    protected override DeliveryStatusNotification? GetDeliveryStatusNotifications(MimeMessage message, MailboxAddress mailbox) => notify;

    protected override string? GetEnvelopeId(MimeMessage message) => envelopeId;
}
