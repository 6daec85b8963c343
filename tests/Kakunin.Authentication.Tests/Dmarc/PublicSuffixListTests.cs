using Kakunin.Authentication.Dmarc;

namespace Kakunin.Authentication.Tests.Dmarc;

/// <summary>Organizational domains from Debian's list, checked by hand against the list's rules (publicsuffix.org test vectors).</summary>
public class PublicSuffixListTests
{
    private static readonly Lazy<PublicSuffixList> Debian = new(() => PublicSuffixList.Load());

    [Theory]
    [InlineData("example.com", "example.com")]
    [InlineData("mail.example.com", "example.com")]
    [InlineData("a.b.example.co.uk", "example.co.uk")]
    [InlineData("www.example.co.jp", "example.co.jp")]
    [InlineData("MX.Example.COM.", "example.com")]
    [InlineData("com", "com")] // a public suffix has no registrable part: it stays as it is
    [InlineData("foo.bar.ck", "foo.bar.ck")] // *.ck: bar.ck is a suffix
    [InlineData("www.ck", "www.ck")] // !www.ck: an exception
    [InlineData("a.www.ck", "www.ck")]
    [InlineData("x.city.kawasaki.jp", "city.kawasaki.jp")] // !city.kawasaki.jp under *.kawasaki.jp
    [InlineData("host.example.test", "example.test")] // not in the list: the implicit "*" rule
    [InlineData("食狮.com.cn", "xn--85x722f.com.cn")]
    public void Organizational_domain(string domain, string expected) => Assert.Equal(expected, Debian.Value.Of(domain));

    [Fact]
    public void The_Debian_list_is_read_whole() => Assert.True(Debian.Value.Count > 9000, $"{Debian.Value.Count} rules");

    [Fact]
    public void Another_list_can_be_given() =>
        Assert.Equal("a.example.test", PublicSuffixList.Parse("// private\nexample.test\n").Of("b.a.example.test"));
}
