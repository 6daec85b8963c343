namespace Kakunin.Protocol.Tests;

public class PathTests
{
    private static readonly MailboxParseOptions Ascii = MailboxParseOptions.Ascii;

    [Fact]
    public void Null_reverse_path()
    {
        Assert.True(ReversePath.TryParse("<>", Ascii, out var path, out _));
        Assert.True(path.IsNull);
        Assert.Equal("<>", path.ToString());
    }

    [Fact]
    public void Source_route_is_ignored() // RFC 5321 §4.1.2 A-d-l, §3.3 / Appendix C
    {
        Assert.True(ReversePath.TryParse("<@a.example,@b.example:user@c.example>", Ascii, out var path, out var error), error.ToString());
        Assert.Equal(Mailbox.Parse("user@c.example"), path.Mailbox);
        Assert.Equal("<user@c.example>", path.ToString());
    }

    [Theory]
    [InlineData("<Postmaster>")]
    [InlineData("<postmaster>")]
    [InlineData("<POSTMASTER>")]
    public void Bare_postmaster_is_a_forward_path(string text) // RFC 5321 §4.1.1.3
    {
        Assert.True(ForwardPath.TryParse(text, Ascii, out var path, out _));
        Assert.True(path.IsLocalPostmaster);
    }

    [Theory]
    [InlineData("user@example.com", AddressError.InvalidPath)]
    [InlineData("<user@example.com", AddressError.InvalidPath)]
    [InlineData("<user@example.com> ", AddressError.InvalidPath)]
    [InlineData("<@a.example user@c.example>", AddressError.InvalidSourceRoute)]
    [InlineData("<@:user@c.example>", AddressError.InvalidSourceRoute)]
    [InlineData("<>", AddressError.NullPathNotAllowed)]
    [InlineData("", AddressError.Empty)]
    public void Bad_forward_paths(string text, AddressError expected)
    {
        Assert.False(ForwardPath.TryParse(text, Ascii, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Postmaster_is_not_a_reverse_path()
    {
        Assert.False(ReversePath.TryParse("<Postmaster>", Ascii, out _, out var error));
        Assert.Equal(AddressError.MissingAt, error);
    }

    [Fact]
    public void Path_is_limited_to_256_octets_including_brackets() // RFC 5321 §4.5.3.1.3
    {
        var label = new string('a', 63);
        var domain = $"{label}.{label}.{label}.{new string('a', 60)}"; // 252 octets
        var fits = $"<u@{domain}>";       // 1 + 1 + 1 + 252 + 1 = 256
        Assert.Equal(256, fits.Length);
        Assert.True(ForwardPath.TryParse(fits, Ascii, out _, out var error), error.ToString());
        Assert.False(ForwardPath.TryParse($"<uu@{domain}>", Ascii, out _, out error));
        Assert.Equal(AddressError.PathTooLong, error);
    }
}
