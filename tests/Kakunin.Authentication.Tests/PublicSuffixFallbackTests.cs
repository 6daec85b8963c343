using Kakunin.Authentication.Dmarc;

namespace Kakunin.Authentication.Tests;

public class PublicSuffixFallbackTests
{
    [Fact]
    public void A_configured_list_that_is_missing_is_an_error_not_a_fallback()
    {
        Assert.ThrowsAny<IOException>(() => PublicSuffixList.LoadOrFallback("/nonexistent/psl.dat", out _));
    }

    [Fact]
    public void The_built_in_fallback_knows_the_common_second_level_suffixes()
    {
        // Used only when Debian's file is missing: co.uk and co.jp are suffixes, so one more label is kept.
        var psl = PublicSuffixList.Parse(PublicSuffixList.Fallback);
        Assert.Equal("example.co.uk", psl.Of("mail.example.co.uk"));
        Assert.Equal("example.co.jp", psl.Of("mx.example.co.jp"));
        Assert.Equal("example.com", psl.Of("a.b.example.com"));
    }
}
