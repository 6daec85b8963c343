using System.Text;
using CsCheck;
using Kakunin.Imap.Protocol;

namespace Kakunin.Imap.Tests.Protocol;

// Vectors from RFC 3501 §5.1.3's own examples, and "日本語" worked by hand: U+65E5 U+672C U+8A9E are the octets
// 65 E5 67 2C 8A 9E, whose BASE64 is "ZeVnLIqe" (no padding needed: 48 bits).
public sealed class MailboxNamesTests
{
    [Theory]
    [InlineData("日本語", "&ZeVnLIqe-")]
    [InlineData("&", "&-")]
    [InlineData("Tom & Jerry", "Tom &- Jerry")]
    [InlineData("~peter/mail/台北/日本語", "~peter/mail/&U,BTFw-/&ZeVnLIqe-")]
    [InlineData("台北日本語", "&U,BTF2XlZyyKng-")]
    [InlineData("INBOX", "INBOX")]
    [InlineData("", "")]
    [InlineData("送信済み", "&kAFP4W4IMH8-")]
    [InlineData("😀", "&2D3eAA-")]
    [InlineData("日", "&ZeU-")] // 0x65E5 = 011001 011110 0101+00: "ZeU", two zero bits of padding
    public void Encodes_and_decodes_the_known_vectors(string name, string wire)
    {
        Assert.Equal(wire, MailboxNames.ToModifiedUtf7(name));
        Assert.Equal(name, MailboxNames.FromModifiedUtf7(wire));
    }

    [Theory]
    [InlineData("&Jjo!")] // RFC 3501 §5.1.3: no shift back to US-ASCII before "!".
    [InlineData("&U,BTFw-&ZeVnLIqe-")] // RFC 3501 §5.1.3: superfluous shift.
    [InlineData("&ZeVnLIqe")] // no closing "-"
    [InlineData("&AEE-")] // "A" (U+0041) must stand for itself
    [InlineData("&ACY-")] // "&" must be "&-"
    [InlineData("&ZeVnLIqe=-")] // padding
    [InlineData("&ZeV-")] // "日" is "&ZeU-": the two spare bits must be zero
    [InlineData("&ZeVn-")] // 36 bits: one unit and 20 spare bits
    [InlineData("&2D0-")] // a lone high surrogate
    [InlineData("&3gA-")] // a lone low surrogate
    [InlineData("&Ze/nLIqe-")] // "/" is not in modified BASE64
    [InlineData("日本語")] // raw non-ASCII on the wire is not modified UTF-7
    [InlineData("tab\there")] // control characters are not printable ASCII
    public void Refuses_forms_that_are_not_the_canonical_spelling(string wire)
    {
        Assert.Null(MailboxNames.FromModifiedUtf7(wire));
    }

    private static readonly Gen<string> Names =
        Gen.OneOf(Gen.Int[0x20, 0x7E], Gen.Int[0x80, 0xD7FF], Gen.Int[0xE000, 0x10FFFF], Gen.Int[0, 0x1F])
            .Array[0, 24]
            .Select(points => string.Concat(points.Select(p => new Rune(p).ToString())));

    [Fact]
    public void Every_name_round_trips_through_printable_ascii()
    {
        Names.Sample(name =>
        {
            var wire = MailboxNames.ToModifiedUtf7(name);
            Assert.All(wire, c => Assert.InRange(c, ' ', '~'));
            Assert.Equal(name, MailboxNames.FromModifiedUtf7(wire));
        });
    }

    [Fact]
    public void Whatever_decodes_is_the_one_spelling_the_encoder_gives()
    {
        Gen.Char["&-ABZaz09+,/=!~ "].Array[0, 16].Select(cs => new string(cs)).Sample(wire =>
        {
            var name = MailboxNames.FromModifiedUtf7(wire);
            if (name is not null)
            {
                Assert.Equal(wire, MailboxNames.ToModifiedUtf7(name));
            }
        });
    }
}
