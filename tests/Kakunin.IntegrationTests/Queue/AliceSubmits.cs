using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Kakunin.IntegrationTests.Queue;

/// <summary>Alice (the demo user) submitting over port 587 with STARTTLS and AUTH, as the queue tests do: MailKit.</summary>
internal static class AliceSubmits
{
    public const string Alice = "alice@example.test";

    public static async Task<SmtpClient> ConnectAsync(KakuninProcess server)
    {
        var client = new SmtpClient { ServerCertificateValidationCallback = (_, _, _, _) => true };
        await client.ConnectAsync("127.0.0.1", server.SubmissionPort, SecureSocketOptions.StartTls);
        await client.AuthenticateAsync(Alice, KakuninProcess.Password);
        return client;
    }

    /// <summary>A one-line plain-text message from Alice.</summary>
    public static MimeMessage Message(string subject, string to, string body = "A queue test.")
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(Alice));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = body + "\r\n" };
        return message;
    }
}
