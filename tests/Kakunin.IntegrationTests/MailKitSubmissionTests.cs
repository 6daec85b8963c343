using Kakunin.Reports.Dsn;
using Kakunin.Store;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Kakunin.IntegrationTests;

/// <summary>
/// Alice submits with MailKit (STARTTLS, AUTH PLAIN) and asks for a success DSN; everything is
/// checked in the server's real database: Bob's Inbox, Alice's Sent folder and the DSN in her Inbox.
/// </summary>
public sealed class MailKitSubmissionTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private sealed class NotifyingClient : SmtpClient
    {
        protected override DeliveryStatusNotification? GetDeliveryStatusNotifications(MimeMessage message, MailboxAddress mailbox) =>
            DeliveryStatusNotification.Success | DeliveryStatusNotification.Failure;

        protected override string GetEnvelopeId(MimeMessage message) => "contract-42";
    }

    [Fact]
    public async Task Local_delivery_with_a_success_dsn_back_to_the_sender()
    {
        var subject = ServerFixture.Unique("Contract");
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(ServerFixture.Alice));
        message.To.Add(MailboxAddress.Parse(ServerFixture.Bob));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = "Please sign.\r\n.leading dot survives\r\n" };

        using (var client = new NotifyingClient())
        {
            client.ServerCertificateValidationCallback = (_, _, _, _) => true; // the demo's self-signed certificate
            await client.ConnectAsync("127.0.0.1", fixture.Server.SubmissionPort, SecureSocketOptions.StartTls);
            Assert.True(client.Capabilities.HasFlag(SmtpCapabilities.Dsn));
            await client.AuthenticateAsync(ServerFixture.Alice, KakuninProcess.Password);
            var reply = await client.SendAsync(message);
            Assert.StartsWith("2.0.0", reply, StringComparison.Ordinal);
            await client.DisconnectAsync(true);
        }

        var delivered = await fixture.WaitForMessageAsync(ServerFixture.Bob, MailFolders.Inbox, m => m.Subject == subject, "Bob's copy");
        Assert.Equal(message.MessageId, delivered.MessageId);
        Assert.Contains(".leading dot survives", delivered.TextBody, StringComparison.Ordinal);
        Assert.Contains(delivered.Headers, h => h.Field == "Received" && h.Value.Contains("ESMTPSA", StringComparison.Ordinal));

        var sent = await fixture.FolderAsync(ServerFixture.Alice, MailFolders.Sent);
        Assert.Contains(sent, m => m.MessageId == message.MessageId);

        // RFC 3461 §6.2 / RFC 3464: a "delivered" DSN comes back, from the null reverse-path, threaded under the original.
        var dsn = await fixture.WaitForMessageAsync(ServerFixture.Alice, MailFolders.Inbox,
            m => m.InReplyTo == message.MessageId, "the success DSN in Alice's Inbox");
        var report = DsnParser.TryParse(dsn);
        Assert.NotNull(report);
        Assert.Equal("contract-42", report.OriginalEnvelopeId);
        var recipient = Assert.Single(report.Recipients);
        Assert.Equal(DsnAction.Delivered, recipient.Action);
        Assert.Equal(ServerFixture.Bob, recipient.FinalRecipient.Address);
        Assert.Equal(2, recipient.Status?.Class);
    }

    [Fact]
    public async Task Submission_without_authentication_is_refused()
    {
        using var client = new SmtpClient();
        client.ServerCertificateValidationCallback = (_, _, _, _) => true;
        await client.ConnectAsync("127.0.0.1", fixture.Server.SubmissionPort, SecureSocketOptions.StartTls);
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(ServerFixture.Alice));
        message.To.Add(MailboxAddress.Parse("someone@elsewhere.example"));
        message.Subject = "no auth";
        message.Body = new TextPart("plain") { Text = "x" };

        // RFC 4954 §6: 530 5.7.0 Authentication required (MailKit turns a 530 into this exception).
        var error = await Assert.ThrowsAsync<ServiceNotAuthenticatedException>(() => client.SendAsync(message));
        Assert.StartsWith("5.7.0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Implicit_tls_submission_works()
    {
        using var client = new SmtpClient();
        client.ServerCertificateValidationCallback = (_, _, _, _) => true;
        await client.ConnectAsync("127.0.0.1", fixture.Server.SubmissionTlsPort, SecureSocketOptions.SslOnConnect);
        Assert.True(client.IsSecure);
        await client.AuthenticateAsync(ServerFixture.Bob, KakuninProcess.Password);
        var subject = ServerFixture.Unique("over 465");
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(ServerFixture.Bob));
        message.To.Add(MailboxAddress.Parse(ServerFixture.Alice));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = "hello" };
        await client.SendAsync(message);
        await client.DisconnectAsync(true);

        await fixture.WaitForMessageAsync(ServerFixture.Alice, MailFolders.Inbox, m => m.Subject == subject, "Alice's copy");
    }
}
