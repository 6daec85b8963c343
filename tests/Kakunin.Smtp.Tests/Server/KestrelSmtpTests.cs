using System.Net.Sockets;
using System.Text;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Kakunin.Smtp.Tests.Server;

/// <summary>The server over real loopback TCP in Kestrel, driven by MailKit's SmtpClient.</summary>
public sealed class KestrelSmtpTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static MimeMessage Message(string to = "bob@mx.test.example")
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse("alice@client.example"));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = "Contract";
        message.MessageId = "m1@client.example";
        message.Body = new TextPart("plain") { Text = "Please sign.\n.\nA line with a dot above.\n" };
        return message;
    }

    [Fact]
    public async Task MailKit_sends_with_DSN_and_the_backend_gets_parameters_and_bytes()
    {
        await using var host = await KakuninSmtpHost.StartAsync();
        using var client = new DsnSmtpClient { DeliveryStatusNotificationType = DeliveryStatusNotificationType.HeadersOnly };
        await client.ConnectAsync("127.0.0.1", host.InboundPort, SecureSocketOptions.None, Ct);
        Assert.True(client.Capabilities.HasFlag(SmtpCapabilities.Dsn));
        Assert.True(client.Capabilities.HasFlag(SmtpCapabilities.Pipelining));
        Assert.True(client.Capabilities.HasFlag(SmtpCapabilities.StartTLS));
        var response = await client.SendAsync(Message(), Ct);
        await client.DisconnectAsync(true, Ct);

        Assert.Contains("OK queued as Q1", response, StringComparison.Ordinal);
        var (envelope, content, session) = Assert.Single(host.Backend.Messages);
        Assert.Equal("ENV-42", envelope.MailFrom.EnvelopeId);
        Assert.Equal(Kakunin.Protocol.DsnReturn.Headers, envelope.MailFrom.Return);
        var rcpt = Assert.Single(envelope.Recipients);
        Assert.Equal(Kakunin.Protocol.DsnNotify.Success | Kakunin.Protocol.DsnNotify.Failure | Kakunin.Protocol.DsnNotify.Delay, rcpt.Notify);
        Assert.Equal("rfc822;bob@mx.test.example", rcpt.OriginalRecipientParameter);
        var text = Encoding.UTF8.GetString(content);
        Assert.StartsWith("Received: from ", text, StringComparison.Ordinal);
        Assert.Contains("by mx.test.example with ESMTP id ", text, StringComparison.Ordinal);
        Assert.Contains("\r\n.\r\nA line with a dot above.", text, StringComparison.Ordinal); // dot-stuffed by MailKit, unstuffed by us
        Assert.False(session.IsTls);
    }

    [Fact]
    public async Task StartTls_then_AUTH_PLAIN_on_submission()
    {
        await using var host = await KakuninSmtpHost.StartAsync();
        using var client = new SmtpClient();
        client.ServerCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == TestCertificate.Value.GetCertHashString();
        await client.ConnectAsync("127.0.0.1", host.SubmissionPort, SecureSocketOptions.StartTls, Ct);
        Assert.True(client.IsSecure);
        Assert.Contains("PLAIN", client.AuthenticationMechanisms);
        client.AuthenticationMechanisms.Remove("LOGIN");
        await client.AuthenticateAsync("alice", "secret", Ct);
        await client.SendAsync(Message("someone@elsewhere.org"), Ct);
        await client.DisconnectAsync(true, Ct);

        var (_, content, session) = Assert.Single(host.Backend.Messages);
        Assert.True(session.IsTls);
        Assert.Equal("alice", session.AuthenticatedUser);
        Assert.Contains(" with ESMTPSA id ", Encoding.UTF8.GetString(content), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Implicit_tls_port_reports_tls_and_offers_auth()
    {
        await using var host = await KakuninSmtpHost.StartAsync();
        using var client = new SmtpClient();
        client.ServerCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == TestCertificate.Value.GetCertHashString();
        await client.ConnectAsync("127.0.0.1", host.ImplicitTlsPort, SecureSocketOptions.SslOnConnect, Ct);
        Assert.False(client.Capabilities.HasFlag(SmtpCapabilities.StartTLS));
        await client.AuthenticateAsync("alice", "secret", Ct);
        await client.SendAsync(Message(), Ct);
        await client.DisconnectAsync(true, Ct);
        Assert.True(Assert.Single(host.Backend.Messages).Session.IsTls);
    }

    [Fact]
    public async Task Pipelined_group_in_one_write_gets_replies_in_order()
    {
        await using var host = await KakuninSmtpHost.StartAsync();
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", host.InboundPort, Ct);
        var stream = tcp.GetStream();
        await ReadUntilAsync(stream, "220 ");
        await stream.WriteAsync(Encoding.ASCII.GetBytes("EHLO c.example\r\n"), Ct);
        await ReadUntilAsync(stream, "250 STARTTLS\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes("MAIL FROM:<a@c.example>\r\nRCPT TO:<b@mx.test.example>\r\nRCPT TO:<unknown@mx.test.example>\r\nDATA\r\n"), Ct);
        var replies = await ReadUntilAsync(stream, "354 ");
        Assert.Equal("250 2.1.0 Sender OK\r\n250 2.1.5 Recipient OK\r\n550 5.1.1 Mailbox unavailable: no such user\r\n354 Start mail input; end with <CRLF>.<CRLF>\r\n", replies);
        await stream.WriteAsync(Encoding.ASCII.GetBytes("hi\r\n.\r\nQUIT\r\n"), Ct);
        Assert.Equal("250 2.0.0 OK queued as Q1\r\n221 2.0.0 mx.test.example closing connection\r\n", await ReadUntilAsync(stream, "221 "));
    }

    [Fact]
    public async Task StartTls_with_pipelined_plaintext_is_refused_and_closed()
    {
        await using var host = await KakuninSmtpHost.StartAsync();
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", host.InboundPort, Ct);
        var stream = tcp.GetStream();
        await ReadUntilAsync(stream, "220 ");
        await stream.WriteAsync(Encoding.ASCII.GetBytes("EHLO c.example\r\n"), Ct);
        await ReadUntilAsync(stream, "250 STARTTLS\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes("STARTTLS\r\nMAIL FROM:<evil@x.example>\r\n"), Ct);
        var reply = await ReadUntilAsync(stream, null);
        Assert.StartsWith("421 4.7.0 ", reply, StringComparison.Ordinal);
        Assert.Empty(host.Backend.Log);
    }

    [Fact]
    public async Task Misbehaving_clients_do_not_disturb_the_others()
    {
        await using var host = await KakuninSmtpHost.StartAsync();
        async Task GarbageAsync()
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync("127.0.0.1", host.InboundPort, Ct);
            var stream = tcp.GetStream();
            var junk = new byte[100];
            for (var i = 0; i < 30; i++)
            {
                Random.Shared.NextBytes(junk);
                junk[^1] = (byte)'\n';
                await stream.WriteAsync(junk, Ct);
            }

            await ReadUntilAsync(stream, null); // the server ends it: too many errors
        }

        async Task HangUpInDataAsync()
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync("127.0.0.1", host.InboundPort, Ct);
            var stream = tcp.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes("EHLO c\r\nMAIL FROM:<a@c.example>\r\nRCPT TO:<b@mx.test.example>\r\nDATA\r\nhalf a mess"), Ct);
            await ReadUntilAsync(stream, "354 ");
        }

        async Task SendAsync()
        {
            using var client = new SmtpClient();
            await client.ConnectAsync("127.0.0.1", host.InboundPort, SecureSocketOptions.None, Ct);
            await client.SendAsync(Message(), Ct);
            await client.DisconnectAsync(true, Ct);
        }

        await Task.WhenAll(GarbageAsync(), HangUpInDataAsync(), SendAsync(), SendAsync(), SendAsync(), GarbageAsync(), SendAsync());
        Assert.Equal(4, host.Backend.Messages.Count);
    }

    private static async Task<string> ReadUntilAsync(NetworkStream stream, string? marker)
    {
        var buffer = new byte[65536];
        var text = new StringBuilder();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        while (marker is null || !text.ToString().Contains(marker, StringComparison.Ordinal))
        {
            int n;
            try
            {
                n = await stream.ReadAsync(buffer, timeout.Token);
            }
            catch (IOException)
            {
                break;
            }

            if (n == 0)
            {
                break;
            }

            text.Append(Encoding.ASCII.GetString(buffer, 0, n));
        }

        var s = text.ToString();
        return marker is null ? s : s[..(s.IndexOf(marker, StringComparison.Ordinal) + s[s.IndexOf(marker, StringComparison.Ordinal)..].IndexOf("\r\n", StringComparison.Ordinal) + 2)];
    }

    private sealed class DsnSmtpClient : SmtpClient
    {
        protected override string GetEnvelopeId(MimeMessage message) => "ENV-42";

        protected override DeliveryStatusNotification? GetDeliveryStatusNotifications(MimeMessage message, MailboxAddress mailbox) =>
            DeliveryStatusNotification.Success | DeliveryStatusNotification.Failure | DeliveryStatusNotification.Delay;
    }
}
