using System.Net;
using Kakunin.Authentication.Spf;

namespace Kakunin.Authentication.Tests.Spf;

/// <summary>The macro examples of RFC 7208 §7.4, character for character.</summary>
public class SpfMacroTests
{
    private static readonly SpfMacroContext V4 = new("strong-bad@email.example.com", "email.example.com", IPAddress.Parse("192.0.2.3"), "mx.example.org", "mx.example.org", DateTimeOffset.UnixEpoch);
    private static readonly SpfMacroContext V6 = V4 with { Client = IPAddress.Parse("2001:db8::cb01") };

    [Theory]
    [InlineData("%{s}", "strong-bad@email.example.com")]
    [InlineData("%{o}", "email.example.com")]
    [InlineData("%{d}", "email.example.com")]
    [InlineData("%{d4}", "email.example.com")]
    [InlineData("%{d3}", "email.example.com")]
    [InlineData("%{d2}", "example.com")]
    [InlineData("%{d1}", "com")]
    [InlineData("%{dr}", "com.example.email")]
    [InlineData("%{d2r}", "example.email")]
    [InlineData("%{l}", "strong-bad")]
    [InlineData("%{l-}", "strong.bad")]
    [InlineData("%{lr}", "strong-bad")]
    [InlineData("%{lr-}", "bad.strong")]
    [InlineData("%{l1r-}", "strong")]
    [InlineData("%{ir}.%{v}._spf.%{d2}", "3.2.0.192.in-addr._spf.example.com")]
    [InlineData("%{lr-}.lp._spf.%{d2}", "bad.strong.lp._spf.example.com")]
    [InlineData("%{lr-}.lp.%{ir}.%{v}._spf.%{d2}", "bad.strong.lp.3.2.0.192.in-addr._spf.example.com")]
    [InlineData("%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}", "3.2.0.192.in-addr.strong.lp._spf.example.com")]
    [InlineData("%{d2}.trusted-domains.example.net", "example.com.trusted-domains.example.net")]
    [InlineData("%%%_%-", "% %20")]
    [InlineData("%{S}", "strong-bad%40email.example.com")] // upper case: URL-escaped (§7.3)
    public void Examples_of_section_7_4(string macro, string expected)
    {
        Assert.True(SpfMacro.IsValid(macro, explanation: false));
        Assert.Equal(expected, SpfMacro.Expand(macro, V4));
    }

    [Fact]
    public void IPv6_i_macro_is_dotted_nibbles()
    {
        Assert.Equal("1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6._spf.example.com",
            SpfMacro.Expand("%{ir}.%{v}._spf.%{d2}", V6));
    }

    [Theory]
    [InlineData("%{c}", true)]
    [InlineData("%{c}", false)]
    [InlineData("%{d0}", false)] // the digit transformer must be nonzero
    [InlineData("%{x}", false)]
    [InlineData("%{d", false)]
    [InlineData("%a", false)]
    [InlineData("50%", false)]
    public void Invalid_macros_are_refused(string macro, bool explanation)
    {
        // %{c} is valid only in explanations (§7.3)
        Assert.Equal(macro == "%{c}" && explanation, SpfMacro.IsValid(macro, explanation));
    }
}
