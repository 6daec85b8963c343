namespace Kakunin.Protocol.Tests;

public class Utf8AddressTextTests
{
    // RFC 6533 §3: outside QCHAR a character is "\x{" HEXPOINT "}"; 例 is U+4F8B, え is U+3048.
    [Theory]
    [InlineData("info@例え.jp", "info@\\x{4F8B}\\x{3048}.jp")]
    [InlineData("a+b=c", "a\\x{2B}b\\x{3D}c")]
    [InlineData("a\\b", "a\\x{5C}b")]
    [InlineData("a b", "a\\x{20}b")]
    [InlineData("é", "\\x{E9}")]
    [InlineData("😀", "\\x{1F600}")]
    [InlineData("\U0010FFFF", "\\x{10FFFF}")]
    [InlineData("plain@example.com", "plain@example.com")]
    [InlineData("a\u0006b", "a\\x{06}b")]  // found by the property test: 2-digit form, not "\x{6}"
    public void Encodes_utf8_addr_xtext(string plain, string encoded)
    {
        Assert.True(Utf8AddressText.TryEncodeXtext(plain, out var x));
        Assert.Equal(encoded, x);
        Assert.True(Utf8AddressText.TryDecodeXtext(encoded, out var back));
        Assert.Equal(plain, back);
    }

    [Fact]
    public void Unitext_keeps_non_ascii_but_escapes_xtext_specials()
    {
        Assert.True(Utf8AddressText.TryEncodeUnitext("例+え@x", out var u));
        Assert.Equal("例\\x{2B}え@x", u);
        Assert.True(Utf8AddressText.TryDecodeUnitext(u, out var back));
        Assert.Equal("例+え@x", back);
        Assert.False(Utf8AddressText.TryDecodeXtext(u, out _)); // utf-8-addr-xtext is ASCII only
    }

    [Theory]
    [InlineData("\\x{41}")]       // "A" is a QCHAR, not a HEXPOINT
    [InlineData("\\x{0041}")]     // no leading zeros
    [InlineData("\\x{00E9}")]
    [InlineData("\\x{D800}")]     // surrogates excluded
    [InlineData("\\x{110000}")]
    [InlineData("\\x{}")]
    [InlineData("\\X{E9}")]       // %x5C.78 is a case-sensitive "\x"
    [InlineData("\\x{E9")]
    [InlineData("a+b")]
    [InlineData("a=b")]
    [InlineData("a b")]
    [InlineData("")]
    public void Decode_rejects(string text) => Assert.False(Utf8AddressText.TryDecodeUnitext(text, out _));

    [Fact]
    public void Lower_case_hex_is_accepted_on_decode() // RFC 5234 §2.3: quoted ABNF strings are case-insensitive
    {
        Assert.True(Utf8AddressText.TryDecodeXtext("\\x{e9}", out var v));
        Assert.Equal("é", v);
    }

    [Fact]
    public void Unrepresentable_controls_are_refused() =>
        Assert.False(Utf8AddressText.TryEncodeXtext("a\nb", out _)); // U+000A is not a HEXPOINT
}
