namespace Kakunin.Protocol.Tests;

public class MailboxTests
{
    private static readonly MailboxParseOptions Ascii = MailboxParseOptions.Ascii;
    private static readonly MailboxParseOptions Utf8 = MailboxParseOptions.Utf8;

    [Theory]
    [InlineData("user@example.com", "user", "example.com", "user@example.com")]
    [InlineData("\"john doe\"@example.com", "john doe", "example.com", "\"john doe\"@example.com")]
    [InlineData("\"john\"@example.com", "john", "example.com", "john@example.com")]        // quotes only when needed
    [InlineData("\"a\\\"b\"@x.example", "a\"b", "x.example", "\"a\\\"b\"@x.example")]     // RFC 5321 §4.1.2 quoted-pairSMTP
    [InlineData("\"a\\\\b\"@x.example", "a\\b", "x.example", "\"a\\\\b\"@x.example")]
    [InlineData("\"a..b\"@x.example", "a..b", "x.example", "\"a..b\"@x.example")]
    [InlineData("first.last+tag@x.example", "first.last+tag", "x.example", "first.last+tag@x.example")]
    [InlineData("user@[192.0.2.1]", "user", "[192.0.2.1]", "user@[192.0.2.1]")]
    [InlineData("user@[IPv6:2001:db8::1]", "user", "[IPv6:2001:db8::1]", "user@[IPv6:2001:db8::1]")]
    public void Parses_and_formats(string text, string local, string domain, string formatted)
    {
        Assert.True(Mailbox.TryParse(text, Ascii, out var m, out var error), error.ToString());
        Assert.Equal(local, m.LocalPart);
        Assert.Equal(domain, m.Domain);
        Assert.Equal(formatted, m.ToString());
    }

    [Theory]
    [InlineData("", AddressError.Empty)]
    [InlineData("user", AddressError.MissingAt)]
    [InlineData("@example.com", AddressError.InvalidLocalPart)]
    [InlineData("a..b@example.com", AddressError.InvalidLocalPart)]
    [InlineData(".a@example.com", AddressError.InvalidLocalPart)]
    [InlineData("a.@example.com", AddressError.InvalidLocalPart)]
    [InlineData("\"open@example.com", AddressError.InvalidLocalPart)]
    [InlineData("user@-bad.example", AddressError.InvalidDomain)]
    [InlineData("user@bad-.example", AddressError.InvalidDomain)]
    [InlineData("user@a..example", AddressError.InvalidDomain)]
    [InlineData("user@", AddressError.InvalidDomain)]
    [InlineData("user@[192.0.2.256]", AddressError.InvalidAddressLiteral)]
    [InlineData("user@[192.0.2]", AddressError.InvalidAddressLiteral)]
    [InlineData("user@[IPv6:zz::1]", AddressError.InvalidAddressLiteral)]
    [InlineData("user@[tag:foo]", AddressError.InvalidAddressLiteral)]
    [InlineData("用户@example.com", AddressError.NonAsciiNotPermitted)]
    [InlineData("user@例え.jp", AddressError.NonAsciiNotPermitted)]
    public void Rejects_with_a_distinct_error(string text, AddressError expected)
    {
        Assert.False(Mailbox.TryParse(text, Ascii, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Local_part_is_limited_to_64_octets() // RFC 5321 §4.5.3.1.1
    {
        Assert.True(Mailbox.TryParse(new string('a', 64) + "@x.example", Ascii, out _, out _));
        Assert.False(Mailbox.TryParse(new string('a', 65) + "@x.example", Ascii, out _, out var error));
        Assert.Equal(AddressError.LocalPartTooLong, error);

        // Octets, not chars: 22 × "é" (2 octets each in UTF-8) = 44 octets is fine, 33 × = 66 is not.
        Assert.True(Mailbox.TryParse(new string('é', 22) + "@x.example", Utf8, out _, out _));
        Assert.False(Mailbox.TryParse(new string('é', 33) + "@x.example", Utf8, out _, out error));
        Assert.Equal(AddressError.LocalPartTooLong, error);
    }

    [Fact]
    public void Domain_is_limited_to_255_octets_and_labels_to_63() // RFC 5321 §4.5.3.1.2, RFC 1035 §2.3.4
    {
        var label = new string('a', 63);
        var domain255 = $"{label}.{label}.{label}.{label}"; // 4 × 63 + 3 dots = 255
        Assert.Equal(255, domain255.Length);
        Assert.True(Mailbox.TryParse("u@" + domain255, Ascii, out _, out var error), error.ToString());
        Assert.False(Mailbox.TryParse("u@" + domain255 + "a", Ascii, out _, out error));
        Assert.Equal(AddressError.DomainTooLong, error);
        Assert.False(Mailbox.TryParse("u@" + new string('a', 64) + ".example", Ascii, out _, out error));
        Assert.Equal(AddressError.DomainTooLong, error);
    }

    [Fact]
    public void Utf8_local_parts_and_u_labels_need_the_option() // RFC 6531 §3.3
    {
        Assert.True(Mailbox.TryParse("用户@例え.jp", Utf8, out var m, out _));
        Assert.True(m.RequiresSmtpUtf8);
        Assert.Equal("用户", m.LocalPart);
        Assert.True(m.TryWithAsciiDomain(out var ascii));
        Assert.Equal("xn--r8jz45g.jp", ascii.Domain); // 例え → xn--r8jz45g (the IANA IDN test domain label)
        Assert.True(ascii.TryWithUnicodeDomain(out var unicode));
        Assert.Equal("例え.jp", unicode.Domain);
    }

    [Fact]
    public void A_label_domains_are_checked()
    {
        Assert.True(Mailbox.TryParse("user@xn--r8jz45g.jp", Ascii, out var m, out _));
        Assert.False(m.RequiresSmtpUtf8);
        Assert.False(Mailbox.TryParse("user@xn--.jp", Ascii, out _, out var error));
        Assert.Equal(AddressError.InvalidDomain, error);
    }

    [Fact]
    public void Domain_compares_case_insensitively_but_local_part_does_not() // RFC 5321 §2.4
    {
        Assert.Equal(Mailbox.Parse("User@Example.COM"), Mailbox.Parse("User@example.com"));
        Assert.NotEqual(Mailbox.Parse("user@example.com"), Mailbox.Parse("User@example.com"));
    }

    [Fact]
    public void TryCreate_quotes_when_needed_and_refuses_controls()
    {
        Assert.True(Mailbox.TryCreate("john doe", "example.com", Ascii, out var m, out _));
        Assert.Equal("\"john doe\"@example.com", m.ToString());
        Assert.False(Mailbox.TryCreate("a\rb", "example.com", Ascii, out _, out var error));
        Assert.Equal(AddressError.InvalidLocalPart, error);
    }
}
