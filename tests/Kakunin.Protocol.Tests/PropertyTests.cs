using CsCheck;

namespace Kakunin.Protocol.Tests;

public class PropertyTests
{
    private static readonly Gen<string> Latin1 = Gen.String[Gen.Char['\0', '\u00FF'], 0, 40];

    private static readonly Gen<string> Scalars = Gen.Int[0x01, 0x10FFFF]
        .Where(v => v is < 0xD800 or > 0xDFFF)
        .Array[1, 12]
        .Select(a => string.Concat(a.Select(char.ConvertFromUtf32)));

    // Characters that exercise the parsers: syntax punctuation, controls, non-ASCII, surrogates.
    private static readonly Gen<string> Hostile = Gen.String[
        Gen.OneOf(Gen.Char["<>@:,.;\"\\[]+=-_ ~!xX{}0aAzZ9\r\n\t"], Gen.Char['\0', '\u00FF'], Gen.Char['\u3040', '\u30FF'], Gen.Char['\uD800', '\uDFFF']),
        0,
        80];

    [Fact]
    public void Xtext_round_trips() =>
        Latin1.Sample(s =>
        {
            var encoded = Xtext.Encode(s);
            Assert.True(Xtext.IsValid(encoded));
            Assert.True(Xtext.TryDecode(encoded, out var decoded));
            Assert.Equal(s, decoded);
        });

    [Fact]
    public void Utf8_address_text_round_trips_when_representable() =>
        Scalars.Sample(s =>
        {
            if (!Utf8AddressText.TryEncodeXtext(s, out var x))
            {
                return;
            }

            Assert.True(System.Text.Ascii.IsValid(x));
            Assert.True(Xtext.IsValid(x), x); // utf-8-addr-xtext is also plain xtext (RFC 6533 §3)
            Assert.True(Utf8AddressText.TryDecodeXtext(x, out var fromX));
            Assert.Equal(s, fromX);
            Assert.True(Utf8AddressText.TryEncodeUnitext(s, out var u));
            Assert.True(Utf8AddressText.TryDecodeUnitext(u, out var fromU));
            Assert.Equal(s, fromU);
        });

    [Fact]
    public void Mailbox_format_then_parse_round_trips()
    {
        var local = Gen.String[Gen.OneOf(Gen.Char["abcXYZ019.!#$%&'*+-/=?^_`{|}~ \"\\(),:;<>@[]"], Gen.Char['\u00C0', '\u00FF'], Gen.Char['\u3041', '\u3093']), 1, 30];
        var label = Gen.String[Gen.Char["abcxyz0189"], 1, 12];
        var domain = label.Array[1, 4].Select(l => string.Join('.', l));
        Gen.Select(local, domain).Sample((l, d) =>
        {
            if (!Mailbox.TryCreate(l, d, MailboxParseOptions.Utf8, out var mailbox, out _))
            {
                return;
            }

            Assert.True(Mailbox.TryParse(mailbox.ToString(), MailboxParseOptions.Utf8, out var parsed, out var error), $"{mailbox} {error}");
            Assert.Equal(mailbox, parsed);
            Assert.Equal(l, parsed.LocalPart);
        });
    }

    [Fact]
    public void Parsers_never_throw_on_random_input() =>
        Hostile.Sample(s =>
        {
            _ = Mailbox.TryParse(s, MailboxParseOptions.Utf8, out _, out _);
            _ = Mailbox.TryParse(s, MailboxParseOptions.Ascii, out _, out _);
            _ = ReversePath.TryParse(s, MailboxParseOptions.Utf8, out _, out _);
            _ = ForwardPath.TryParse("<" + s + ">", MailboxParseOptions.Ascii, out _, out _);
            _ = SmtpReply.TryParse(s, out _);
            _ = SmtpReply.TryParse("250 " + s, out _);
            _ = Xtext.TryDecode(s, out _);
            _ = Utf8AddressText.TryDecodeUnitext(s, out _);
            _ = TypedAddress.TryParse(s, true, out _);
            _ = EsmtpCommandParser.ParseMailFrom("FROM:" + s, EsmtpOptions.Default);
            _ = EsmtpCommandParser.ParseMailFrom("FROM:<a@b.example> " + s, EsmtpOptions.Default);
            _ = EsmtpCommandParser.ParseRcptTo("TO:<" + s, EsmtpOptions.Default, true);
            _ = EsmtpCommandParser.ParseRcptTo("TO:<a@b.example> " + s, EsmtpOptions.Default, false);
        });

    [Fact]
    public void Reply_parse_of_format_round_trips()
    {
        var text = Gen.String[Gen.Char[' ', '~'], 0, 30];
        Gen.Select(Gen.Int[200, 599].Where(c => c / 10 % 10 <= 5), text.Array[1, 5]).Sample((code, lines) =>
        {
            var reply = new SmtpReply(code, null, lines);
            Assert.True(SmtpReply.TryParse(reply.Format(), out var parsed));
            Assert.Equal(code, parsed.Code);

            // Lines that happen to start with an enhanced code of the right class are read as one.
            if (parsed.EnhancedCode is null)
            {
                Assert.Equal(lines, parsed.Lines);
            }
        });
    }
}
