using System.Net;
using Kakunin.IntegrationTests.Peers;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Kakunin.IntegrationTests.Balancing;

/// <summary>
/// Kakunin behind a real TCP balancer (Debian's HAProxy) that sends the PROXY protocol header (--proxy-protocol-from):
/// the client's own address, not the balancer's, reaches the Received line, for version 2 (submission) and version 1
/// (inbound SMTP). A client that sends a header itself is not believed, and a connection from the balancer's address
/// without a header gets nothing.
/// </summary>
public sealed class ProxyProtocolTests : IAsyncLifetime
{
    private const string Client = "127.0.0.2";
    private KakuninProcess _server = null!;
    private HaproxyBalancer _balancer = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await KakuninProcess.StartAsync(extraArgs: ["--proxy-protocol-from", HaproxyBalancer.Source]);
        _balancer = await HaproxyBalancer.StartAsync((_server.SubmissionPort, 2), (_server.SmtpPort, 1));
    }

    public async ValueTask DisposeAsync()
    {
        await _balancer.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Submission_through_haproxy_with_version_2_records_the_clients_address()
    {
        var subject = ServerFixture.Unique("Through the balancer");
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(ServerFixture.Alice));
        message.To.Add(MailboxAddress.Parse(ServerFixture.Bob));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = "Sent from 127.0.0.2 through HAProxy." };
        using (var smtp = new SmtpClient { LocalEndPoint = new IPEndPoint(IPAddress.Parse(Client), 0), ServerCertificateValidationCallback = (_, _, _, _) => true })
        {
            await smtp.ConnectAsync("127.0.0.1", _balancer.Ports[_server.SubmissionPort], SecureSocketOptions.StartTls);
            await smtp.AuthenticateAsync(ServerFixture.Alice, KakuninProcess.Password);
            await smtp.SendAsync(message);
            await smtp.DisconnectAsync(true);
        }

        var received = await _server.WaitForMessageAsync(ServerFixture.Bob, "Inbox", m => m.Subject == subject, "the message in bob's Inbox");
        var top = received.Headers["Received"];
        Assert.Contains($"([{Client}])", top, StringComparison.Ordinal); // without the header: the balancer's 127.0.0.3
        Assert.DoesNotContain(HaproxyBalancer.Source, top, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inbound_smtp_through_haproxy_with_version_1_records_the_clients_address()
    {
        var subject = ServerFixture.Unique("Inbound through the balancer");
        await using var smtp = await RawSmtpConnection.OpenAsync(_balancer.Ports[_server.SmtpPort], source: "127.0.0.4");
        foreach (var command in new[] { "EHLO relay.remote.test", "MAIL FROM:<carol@remote.test>", $"RCPT TO:<{ServerFixture.Bob}>", "DATA" })
        {
            await smtp.SendAsync(command + "\r\n");
            var reply = await smtp.ReadReplyAsync();
            Assert.True(reply.StartsWith('2') || reply.StartsWith('3'), command + " → " + reply);
        }

        await smtp.SendAsync($"From: carol@remote.test\r\nTo: {ServerFixture.Bob}\r\nSubject: {subject}\r\n\r\nHello.\r\n.\r\n");
        Assert.StartsWith("250", await smtp.ReadReplyAsync(), StringComparison.Ordinal);

        var received = await _server.WaitForMessageAsync(ServerFixture.Bob, "Inbox", m => m.Subject == subject, "the inbound message in bob's Inbox");
        Assert.Contains("([127.0.0.4])", received.Headers["Received"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_that_sends_a_proxy_header_itself_is_not_believed()
    {
        await using var smtp = await RawSmtpConnection.OpenAsync(_server.SmtpPort, source: Client); // greeting read: the header is not awaited
        await smtp.SendAsync("PROXY TCP4 203.0.113.9 127.0.0.1 40000 25\r\n");

        Assert.StartsWith("5", await smtp.ReadReplyAsync(), StringComparison.Ordinal); // an unknown command, nothing more
    }

    [Fact]
    public async Task A_connection_from_the_balancers_address_without_a_header_is_closed_without_a_greeting()
    {
        await using var smtp = await RawSmtpConnection.OpenAsync(_server.SmtpPort, expectGreeting: false, source: HaproxyBalancer.Source);
        await smtp.SendAsync("EHLO sneaky.example\r\n");

        Assert.Equal(string.Empty, await smtp.ReadReplyAsync()); // closed: no 220, no reply
        await _server.WaitForAsync(() => Task.FromResult(_server.Log.Contains("did not begin with a PROXY protocol header", StringComparison.Ordinal)), "the refusal in the log");
    }
}
