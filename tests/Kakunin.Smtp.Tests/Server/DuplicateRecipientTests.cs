using Kakunin.Protocol;
using Kakunin.Smtp.Server;

namespace Kakunin.Smtp.Tests.Server;

/// <summary>
/// A repeated RCPT is kept once (RFC 5321 §3.3; Postfix duplicate_filter_limit) and the envelope keeps what the
/// FIRST one asked for: its NOTIFY and ORCPT (RFC 3461 §4), not the duplicate's.
/// </summary>
public sealed class DuplicateRecipientTests
{
    [Fact]
    public async Task The_envelope_has_the_recipient_once_with_the_first_rcpt_dsn_parameters()
    {
        var backend = new FakeSmtpBackend();
        var connection = new InMemorySmtpConnection(new SmtpServerOptions { HostName = "mx.test.example" }, backend);
        var receiving = connection.ReceiveUntilAsync(null);
        await connection.SendAsync(
            "EHLO client.example\r\nMAIL FROM:<mallory@client.example>\r\n" +
            "RCPT TO:<bob@mx.test.example> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;first@old.example\r\n" +
            "RCPT TO:<bob@MX.TEST.EXAMPLE> NOTIFY=NEVER ORCPT=rfc822;second@old.example\r\n" +
            "RCPT TO:<bob@mx.test.example>\r\n" +
            "DATA\r\nSubject: once\r\n\r\nbody\r\n.\r\nQUIT\r\n");
        await connection.EndInputAsync();
        var output = await receiving;

        Assert.Equal(2, CountOf(output, "Duplicate recipient, delivered once"));
        var (envelope, _, _) = Assert.Single(backend.Messages);
        var recipient = Assert.Single(envelope.Recipients);
        Assert.Equal("<bob@mx.test.example>", recipient.ForwardPath.ToString());
        Assert.Equal(DsnNotify.Success | DsnNotify.Failure, recipient.Notify);
        Assert.Equal("first@old.example", recipient.OriginalRecipient?.Address);
    }

    private static int CountOf(string text, string part) => text.Split(part).Length - 1;
}
