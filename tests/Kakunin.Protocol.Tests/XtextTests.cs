namespace Kakunin.Protocol.Tests;

public class XtextTests
{
    // RFC 3461 §4: "+" and "=" and anything outside "!".."~" become "+" and two upper-case hex digits.
    [Theory]
    [InlineData("Joe+Smith", "Joe+2BSmith")]
    [InlineData("a=b", "a+3Db")]
    [InlineData("a b", "a+20b")]
    [InlineData("QQ314159", "QQ314159")]
    [InlineData("\u00E9", "+E9")]
    [InlineData("\r\n", "+0D+0A")]
    [InlineData("~!", "~!")]
    public void Encodes_and_decodes(string plain, string xtext)
    {
        Assert.Equal(xtext, Xtext.Encode(plain));
        Assert.True(Xtext.TryDecode(xtext, out var decoded));
        Assert.Equal(plain, decoded);
    }

    [Fact]
    public void Decodes_needlessly_escaped_xchars() // RFC 3461 §4 lets any char be a hexchar
    {
        Assert.True(Xtext.TryDecode("+41b", out var decoded));
        Assert.Equal("Ab", decoded);
    }

    [Theory]
    [InlineData("+2b")]   // RFC 3461 §4: upper case hex digits only
    [InlineData("+")]
    [InlineData("+2")]
    [InlineData("+G0")]
    [InlineData("a=b")]
    [InlineData("a b")]
    [InlineData("é")]
    public void Strict_decode_rejects(string text) => Assert.False(Xtext.TryDecode(text, out _));

    [Fact]
    public void Encode_refuses_chars_above_latin1() =>
        Assert.Throws<ArgumentException>(() => Xtext.Encode("日本"));
}
