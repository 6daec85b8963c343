namespace Kakunin.Protocol.Tests;

public class EnhancedStatusCodeTests
{
    [Theory]
    [InlineData("5.1.1", 5, 1, 1)]
    [InlineData("4.4.7", 4, 4, 7)]
    [InlineData("2.0.0", 2, 0, 0)]
    [InlineData("5.999.999", 5, 999, 999)]
    public void Parses_valid_codes(string text, int c, int s, int d)
    {
        Assert.True(EnhancedStatusCode.TryParse(text, out var code));
        Assert.Equal(new EnhancedStatusCode(c, s, d), code);
        Assert.Equal(text, code.Value.ToString());
    }

    [Theory]
    [InlineData("3.1.1")]   // RFC 3463 §2: class is 2, 4 or 5
    [InlineData("5.1")]
    [InlineData("5.1.1000")]
    [InlineData("5..1")]
    [InlineData(" 5.1.1")]
    [InlineData("5.1.a")]
    [InlineData("")]
    public void Rejects_invalid_codes(string text) =>
        Assert.False(EnhancedStatusCode.TryParse(text, out _));
}
