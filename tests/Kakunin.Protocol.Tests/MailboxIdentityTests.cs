namespace Kakunin.Protocol.Tests;

public class MailboxIdentityTests
{
    [Theory]
    [InlineData("bob@example.test", "bob@example.test")]
    [InlineData("Bob@Example.TEST", "bob@example.test")]                       // RFC 5321 §2.4 domain; our rule for the local part
    [InlineData("rfc822; <Bob@Example.COM>", "bob@example.com")]               // RFC 3464 §2.3.2 address-type
    [InlineData("rfc822;bob@example.com", "bob@example.com")]
    [InlineData("Bob Example <bob@example.com>", "bob@example.com")]
    [InlineData("<@relay.example:bob@example.com>", "bob@example.com")]        // RFC 5321 §4.1.2 source route
    [InlineData("\"bob@example.com\"", "bob@example.com")]                     // quoted whole, as prose writes it
    [InlineData("bob@example.com.", "bob@example.com")]                        // trailing root dot / sentence end
    [InlineData("\"john doe\"@example.com", "\"john doe\"@example.com")]       // quoted where the wire needs it
    [InlineData("\"john\"@example.com", "john@example.com")]                   // and only there
    [InlineData("\"a@b\"@example.com", "\"a@b\"@example.com")]                 // split at the last @
    [InlineData("user@日本語.jp", "user@xn--wgv71a119e.jp")]                   // RFC 5891: U-labels to A-labels
    [InlineData("user@XN--WGV71A119E.JP", "user@xn--wgv71a119e.jp")]
    [InlineData("user@[192.0.2.1]", "user@[192.0.2.1]")]
    public void Keys_an_address_as_the_store_does(string text, string key)
    {
        Assert.True(MailboxIdentity.TryParse(text, out var identity));
        Assert.Equal(key, identity.Key);
        Assert.Equal(key, MailboxIdentity.KeyOf(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("bob")]
    [InlineData("@example.com")]
    [InlineData("bob@")]
    public void Text_that_names_no_mailbox_is_no_identity(string text) =>
        Assert.False(MailboxIdentity.TryParse(text, out _));

    [Fact]
    public void The_local_part_keeps_its_case_but_compares_as_this_server_compares_mailboxes()
    {
        var written = MailboxIdentity.Parse("Bob.Smith@Example.test")!;
        Assert.Equal("Bob.Smith", written.LocalPart);
        Assert.Equal("example.test", written.Domain);
        Assert.Equal(MailboxIdentity.Parse("bob.smith@example.test"), written);
        Assert.True(MailboxIdentity.Same("rfc822; bob.smith@EXAMPLE.test", "<Bob.Smith@example.test>"));
        Assert.False(MailboxIdentity.Same("bob@example.test", "bob@example.test.evil"));
        Assert.False(MailboxIdentity.Same("bob@example.test", null));
    }

    [Fact]
    public void A_U_label_and_its_A_label_are_one_domain() =>
        Assert.True(MailboxIdentity.Same("user@日本語.jp", "user@xn--wgv71a119e.jp"));

    [Fact]
    public void RFC_8098_comparison_keeps_the_local_part_case_sensitive()
    {
        // RFC 8098 §2.1: "case-sensitive for the local-part and case-insensitive for the domain part".
        var a = MailboxIdentity.Parse("Alice@Example.test")!;
        Assert.True(a.IsExactly(MailboxIdentity.Parse("Alice@example.TEST")));
        Assert.False(a.IsExactly(MailboxIdentity.Parse("alice@example.test")));
        Assert.True(a.IsExactly(MailboxIdentity.Parse("\"Alice\"@example.test"))); // quotes are syntax, not identity
    }

    [Fact]
    public void Postmaster_is_recognised_in_any_case() =>
        Assert.True(MailboxIdentity.Parse("PostMaster@example.test")!.IsPostmaster);

    [Theory]
    [InlineData("Example.TEST.", "example.test")]
    [InlineData("日本語.JP", "xn--wgv71a119e.jp")]
    [InlineData("[192.0.2.1]", "[192.0.2.1]")]
    public void Domains_have_one_canonical_form(string domain, string canonical) =>
        Assert.Equal(canonical, DomainNames.Canonical(domain));
}
