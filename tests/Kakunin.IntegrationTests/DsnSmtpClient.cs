using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Kakunin.IntegrationTests;

/// <summary>A MailKit client that asks for the given NOTIFY (RFC 3461 §4.1) and ENVID (§4.4) on every message.</summary>
public sealed class DsnSmtpClient : SmtpClient
{
    public DeliveryStatusNotification? Notify { get; set; }

    public string? EnvelopeId { get; set; }

    protected override DeliveryStatusNotification? GetDeliveryStatusNotifications(MimeMessage message, MailboxAddress mailbox) => Notify;

    protected override string? GetEnvelopeId(MimeMessage message) => EnvelopeId;

    /// <summary>Connects to submission with STARTTLS and authenticates (the demo's self-signed certificate is accepted).</summary>
    public static async Task<DsnSmtpClient> ConnectAsync(KakuninProcess server, string user, CancellationToken cancellationToken = default)
    {
        var client = new DsnSmtpClient { ServerCertificateValidationCallback = (_, _, _, _) => true, Timeout = 20_000 };
        await client.ConnectAsync("127.0.0.1", server.SubmissionPort, SecureSocketOptions.StartTls, cancellationToken);
        await client.AuthenticateAsync(user, KakuninProcess.Password, cancellationToken);
        return client;
    }

    /// <summary>Alice submits one message with NOTIFY and ENVID; returns the message (for its Message-ID).</summary>
    public static async Task<MimeMessage> SubmitAsync(KakuninProcess server, string from, string to, string subject, DeliveryStatusNotification? notify, string? envelopeId)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = "Kakunin peer test.\r\n" };
        using var client = await ConnectAsync(server, from);
        client.Notify = notify;
        client.EnvelopeId = envelopeId;
        var reply = await client.SendAsync(message);
        Assert.StartsWith("2.0.0", reply, StringComparison.Ordinal);
        await client.DisconnectAsync(true);
        return message;
    }
}
