using System.Text;
using MimeKit;

namespace Kakunin.Authentication.Tests;

public class MessageAuthenticationTests
{
    private sealed class LastTwoLabels : IOrganizationalDomains
    {
        public string Of(string domain)
        {
            var labels = domain.TrimEnd('.').ToLowerInvariant().Split('.');
            return string.Join('.', labels.TakeLast(2));
        }
    }

    private static HeaderList Headers(string text)
    {
        var message = MimeMessage.Load(new MemoryStream(Encoding.ASCII.GetBytes(text + "\r\n\r\nbody\r\n")));
        return message.Headers;
    }

    [Fact]
    public void Written_verdict_reads_back_the_same()
    {
        var written = new MessageAuthentication("mx.example.test", null,
            new SpfCheck(AuthResult.Pass, "mail.peer.test"),
            [new DkimCheck(AuthResult.Pass, "peer.test", "s1", "ed25519-sha256"), new DkimCheck(AuthResult.Fail, "other.test")],
            new DmarcCheck(AuthResult.Pass, "peer.test", "reject"));
        var value = written.ToHeaderValue();
        Assert.StartsWith("mx.example.test;", value);
        Assert.Contains("spf=pass smtp.mailfrom=mail.peer.test", value);

        var read = MessageAuthentication.FromHeaders(Headers($"Authentication-Results: {value}"), "mx.example.test");
        Assert.NotNull(read);
        Assert.Equal(AuthResult.Pass, read.Spf!.Result);
        Assert.Equal("mail.peer.test", read.Spf.Domain);
        Assert.Equal(2, read.Dkim.Count);
        Assert.Equal(("peer.test", AuthResult.Pass, "s1"), (read.Dkim[0].Domain, read.Dkim[0].Result, read.Dkim[0].Selector));
        Assert.Equal(AuthResult.Fail, read.Dkim[1].Result);
        Assert.Equal("reject", read.Dmarc!.Policy);
        Assert.False(read.Submitted);
    }

    [Fact]
    public void Only_the_field_with_our_authserv_id_counts()
    {
        var headers = Headers(
            "Authentication-Results: evil.test; dkim=pass header.d=example.test\r\n" +
            "Authentication-Results: mx.example.test; spf=fail smtp.mailfrom=example.test");
        var read = MessageAuthentication.FromHeaders(headers, "mx.example.test")!;
        Assert.Empty(read.Dkim);
        Assert.Equal(AuthResult.Fail, read.Spf!.Result);
        Assert.Null(MessageAuthentication.FromHeaders(headers, "other.test"));
    }

    [Fact]
    public void Vouches_needs_a_pass_aligned_with_the_domain()
    {
        var psl = new LastTwoLabels();
        var dkimOnly = new MessageAuthentication("mx", null, new SpfCheck(AuthResult.Fail, "peer.test"),
            [new DkimCheck(AuthResult.Pass, "mail.peer.test")], null);
        Assert.True(dkimOnly.Vouches("peer.test", psl));        // relaxed: mail.peer.test aligns with peer.test
        Assert.False(dkimOnly.Vouches("example.test", psl));

        var failing = new MessageAuthentication("mx", null, null, [new DkimCheck(AuthResult.Fail, "peer.test")], null);
        Assert.False(failing.Vouches("peer.test", psl));

        var spfOnly = new MessageAuthentication("mx", null, new SpfCheck(AuthResult.Pass, "bounce.peer.test"), [], null);
        Assert.True(spfOnly.Vouches("peer.test", psl));
    }

    [Fact]
    public void Submission_is_written_as_auth_pass()
    {
        var value = new MessageAuthentication("mx.example.test", "alice@example.test", null, [], null).ToHeaderValue();
        Assert.Contains("auth=pass smtp.auth=", value); // MimeKit quotes the addr-spec; RFC 8601 §2.2 allows both
        var read = MessageAuthentication.FromHeaders(Headers($"Authentication-Results: {value}"), "mx.example.test")!;
        Assert.True(read.Submitted);
        Assert.Equal("alice@example.test", read.AuthenticatedUser);
    }

    [Fact]
    public void Nothing_checked_is_written_as_none()
    {
        Assert.Equal("mx.example.test; none", new MessageAuthentication("mx.example.test", null, null, [], null).ToHeaderValue());
    }
}
