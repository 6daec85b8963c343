using System.Text;
using MimeKit;

namespace Kakunin.Authentication.Tests;

public class AuthenticationResultsFieldTests
{
    private static readonly MessageAuthentication Ours = new("mx.example.test", null,
        new SpfCheck(AuthResult.Pass, "peer.test"), [new DkimCheck(AuthResult.Fail, "peer.test", "s1", "rsa-sha256")], new DmarcCheck(AuthResult.Fail, "peer.test", "reject"));

    [Fact]
    public void Our_field_goes_on_top_and_forged_fields_with_our_id_go_away_whatever_their_spelling()
    {
        var message =
            "Received: from client by mx.example.test; Mon, 1 Jan 2029 00:00:00 +0000\r\n" +
            "Authentication-Results: mx.example.test; dkim=pass header.d=bank.test\r\n" +
            "authentication-results : (forged) MX.EXAMPLE.TEST;\r\n\tspf=pass smtp.mailfrom=bank.test\r\n" +
            "Authentication-Results: \"mx.example.test\"; dmarc=pass header.from=bank.test\r\n" +
            "Authentication-Results: relay.peer.test; spf=pass smtp.mailfrom=peer.test\r\n" +
            "Subject: hello\r\n" +
            "\r\n" +
            "Authentication-Results: mx.example.test; in the body, left alone\r\n";
        var stamped = Encoding.UTF8.GetString(AuthenticationResultsField.Stamp(Encoding.UTF8.GetBytes(message), Ours));

        Assert.StartsWith("Authentication-Results: mx.example.test;\r\n\tspf=pass smtp.mailfrom=peer.test;\r\n\tdkim=fail", stamped, StringComparison.Ordinal);
        Assert.DoesNotContain("bank.test", stamped, StringComparison.Ordinal);
        Assert.Contains("Authentication-Results: relay.peer.test; spf=pass", stamped, StringComparison.Ordinal); // another server's: kept
        Assert.EndsWith("Subject: hello\r\n\r\nAuthentication-Results: mx.example.test; in the body, left alone\r\n", stamped, StringComparison.Ordinal);

        var parsed = MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(stamped)));
        var read = MessageAuthentication.FromHeaders(parsed.Headers, "mx.example.test");
        Assert.Equal(Ours.Spf, read!.Spf);
        Assert.Equal(Ours.Dmarc, read.Dmarc);
        Assert.Equal(Ours.Dkim, read.Dkim);
    }

    [Fact]
    public void A_message_without_a_body_or_header_gets_the_field_too()
    {
        var stamped = Encoding.UTF8.GetString(AuthenticationResultsField.Stamp("Subject: x\r\n"u8, Ours));
        Assert.EndsWith("\r\nSubject: x\r\n", stamped, StringComparison.Ordinal);
        var empty = Encoding.UTF8.GetString(AuthenticationResultsField.Stamp("\r\nbody\r\n"u8, Ours));
        Assert.EndsWith("\r\n\r\nbody\r\n", empty, StringComparison.Ordinal);
    }
}
