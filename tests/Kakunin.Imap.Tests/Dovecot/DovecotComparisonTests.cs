using System.Buffers;
using System.Globalization;
using System.Text;
using Kakunin.Imap.Message;

namespace Kakunin.Imap.Tests.Dovecot;

// Our writers against Dovecot 2.3 for the same stored bytes: ENVELOPE, BODY, BODYSTRUCTURE, BODY[section] and
// BINARY[part] must be the same octets. Dovecot runs privately (see PrivateDovecot); without it these tests fail.
public sealed class DovecotComparisonTests(DovecotFixture dovecot) : IClassFixture<DovecotFixture>
{
    public static TheoryData<string> Fixtures => [.. DovecotFixture.FixtureNames];

    public static TheoryData<string, string> Sections => new()
    {
        { "01-mixed-attachment.eml", "" },
        { "01-mixed-attachment.eml", "HEADER" },
        { "01-mixed-attachment.eml", "TEXT" },
        { "01-mixed-attachment.eml", "1" },
        { "01-mixed-attachment.eml", "1.1" },
        { "01-mixed-attachment.eml", "1.1.1" },
        { "01-mixed-attachment.eml", "2" },
        { "01-mixed-attachment.eml", "3" },
        { "01-mixed-attachment.eml", "1.MIME" },
        { "01-mixed-attachment.eml", "2.MIME" },
        { "01-mixed-attachment.eml", "2.HEADER" },
        { "01-mixed-attachment.eml", "HEADER.FIELDS (subject TO bcc)" },
        { "01-mixed-attachment.eml", "HEADER.FIELDS.NOT (subject to bcc cc from date Message-ID In-Reply-To Return-Path Reply-To Sender)" },
        { "02-alternative.eml", "1" },
        { "02-alternative.eml", "2.MIME" },
        { "02-alternative.eml", "HEADER.FIELDS (Content-Type)" },
        { "03-nested-rfc822.eml", "2" },
        { "03-nested-rfc822.eml", "2.HEADER" },
        { "03-nested-rfc822.eml", "2.TEXT" },
        { "03-nested-rfc822.eml", "2.MIME" },
        { "03-nested-rfc822.eml", "2.1" },
        { "03-nested-rfc822.eml", "2.1.1" },
        { "03-nested-rfc822.eml", "2.1.1.1" },
        { "03-nested-rfc822.eml", "2.2.MIME" },
        { "03-nested-rfc822.eml", "2.2" },
        { "03-nested-rfc822.eml", "2.3" },
        { "03-nested-rfc822.eml", "2.HEADER.FIELDS (subject)" },
        { "03-nested-rfc822.eml", "2.HEADER.FIELDS.NOT (From To Subject Date Message-ID)" },
        { "04-base64-qp.eml", "2" },
        { "04-base64-qp.eml", "3.MIME" },
        { "06-missing-date.eml", "1" },
        { "06-missing-date.eml", "1.1" },
        { "06-missing-date.eml", "1.MIME" },
        { "06-missing-date.eml", "1.HEADER" },
        { "06-missing-date.eml", "2" },
        { "06-missing-date.eml", "HEADER.FIELDS (X-Nothing)" },
        { "07-folded-headers.eml", "HEADER.FIELDS (x-long to)" },
        { "07-folded-headers.eml", "HEADER.FIELDS.NOT (x-long to)" },
        { "09-no-body.eml", "HEADER" },
        { "09-no-body.eml", "TEXT" },
        { "09-no-body.eml", "1" },
        { "09-no-body.eml", "HEADER.FIELDS (Date)" },
        { "09-no-body.eml", "HEADER.FIELDS (Subject)" },
        { "10-params-2231.eml", "2.TEXT" },
        { "10-params-2231.eml", "2.1" },
        { "10-params-2231.eml", "2.1.MIME" },
        { "10-params-2231.eml", "2.1.1" },
        { "11-digest.eml", "1" },
        { "11-digest.eml", "1.MIME" },
        { "11-digest.eml", "1.1" },
        { "11-digest.eml", "1.TEXT" },
        { "12-odd-addresses.eml", "HEADER.FIELDS (In-Reply-To Message-ID Sender)" },
        { "13-boundaries.eml", "TEXT" },
        { "13-boundaries.eml", "1" },
        { "13-boundaries.eml", "1.1" },
        { "13-boundaries.eml", "1.2" },
        { "13-boundaries.eml", "1.2.MIME" },
        { "13-boundaries.eml", "2" },
        { "13-boundaries.eml", "2.MIME" },
        { "14-empty-subject.eml", "1" },
        { "14-empty-subject.eml", "TEXT" },
    };

    public static TheoryData<string, string> BinaryParts => new()
    {
        { "01-mixed-attachment.eml", "1" },
        { "01-mixed-attachment.eml", "2" },
        { "02-alternative.eml", "1" },
        { "02-alternative.eml", "2" },
        { "03-nested-rfc822.eml", "2.2" },
        { "04-base64-qp.eml", "1" },
        { "04-base64-qp.eml", "2" },
        { "05-iso2022jp-subject.eml", "1" },
        { "10-params-2231.eml", "1" },
        { "12-odd-addresses.eml", "1" },
        { "13-boundaries.eml", "2" },
    };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task Envelope_is_the_same_as_dovecots(string fixture)
    {
        var expected = await dovecot.Client.FetchItemAsync(DovecotFixture.Sequence(fixture), "ENVELOPE");
        var header = MessageSections.Extract(DovecotFixture.Message(fixture), new SectionSpec([], SectionText.Header, []));
        var output = new ArrayBufferWriter<byte>();
        MessageStructure.WriteEnvelope(output, header, utf8Quoted: false);
        AssertSameBytes(expected, output.WrittenSpan.ToArray());
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task Bodystructure_is_the_same_as_dovecots(string fixture)
    {
        var expected = await dovecot.Client.FetchItemAsync(DovecotFixture.Sequence(fixture), "BODYSTRUCTURE");
        var output = new ArrayBufferWriter<byte>();
        MessageStructure.WriteBodyStructure(output, DovecotFixture.Message(fixture), extensible: true, utf8Quoted: false);
        AssertSameBytes(expected, output.WrittenSpan.ToArray());
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task Body_is_the_same_as_dovecots(string fixture)
    {
        var expected = await dovecot.Client.FetchItemAsync(DovecotFixture.Sequence(fixture), "BODY");
        var output = new ArrayBufferWriter<byte>();
        MessageStructure.WriteBodyStructure(output, DovecotFixture.Message(fixture), extensible: false, utf8Quoted: false);
        AssertSameBytes(expected, output.WrittenSpan.ToArray());
    }

    [Theory]
    [MemberData(nameof(Sections))]
    public async Task Section_is_the_same_as_dovecots(string fixture, string section)
    {
        var value = await dovecot.Client.FetchItemAsync(DovecotFixture.Sequence(fixture), $"BODY.PEEK[{section}]");
        var expected = RawImapClient.StringValue(value);
        var actual = MessageSections.Extract(DovecotFixture.Message(fixture), ParseSection(section));
        AssertSameBytes(expected ?? [], actual.ToArray());
    }

    [Theory]
    [MemberData(nameof(BinaryParts))]
    public async Task Binary_is_the_same_as_dovecots(string fixture, string part)
    {
        var value = await dovecot.Client.FetchItemAsync(DovecotFixture.Sequence(fixture), $"BINARY.PEEK[{part}]");
        var expected = RawImapClient.StringValue(value.AsSpan().StartsWith("~"u8) ? value[1..] : value);
        var actual = MessageSections.DecodeBinary(DovecotFixture.Message(fixture), ParseSection(part).Part);
        Assert.NotNull(actual);
        AssertSameBytes(expected ?? [], actual.Value.ToArray());
    }

    [Fact]
    public async Task An_unknown_transfer_encoding_is_refused_like_dovecot()
    {
        var response = Encoding.Latin1.GetString(await dovecot.Client.CommandAsync("FETCH " + DovecotFixture.Sequence("04-base64-qp.eml") + " (BINARY.PEEK[3])").ContinueWith(t => t.IsFaulted ? Encoding.Latin1.GetBytes(t.Exception!.InnerException!.Message) : t.Result));
        Assert.Contains("UNKNOWN-CTE", response, StringComparison.Ordinal);
        Assert.Null(MessageSections.DecodeBinary(DovecotFixture.Message("04-base64-qp.eml"), [3]));
    }

    internal static SectionSpec ParseSection(string section)
    {
        var parts = new List<int>();
        var rest = section;
        while (rest.Length > 0 && char.IsAsciiDigit(rest[0]))
        {
            var dot = rest.IndexOf('.', StringComparison.Ordinal);
            var number = dot < 0 ? rest : rest[..dot];
            parts.Add(int.Parse(number, CultureInfo.InvariantCulture));
            rest = dot < 0 ? string.Empty : rest[(dot + 1)..];
        }

        var fields = new List<string>();
        var open = rest.IndexOf('(', StringComparison.Ordinal);
        if (open >= 0)
        {
            fields.AddRange(rest[(open + 1)..rest.IndexOf(')', StringComparison.Ordinal)].Split(' ', StringSplitOptions.RemoveEmptyEntries));
            rest = rest[..open].Trim();
        }

        var text = rest.ToUpperInvariant() switch
        {
            "" => SectionText.None,
            "HEADER" => SectionText.Header,
            "HEADER.FIELDS" => SectionText.HeaderFields,
            "HEADER.FIELDS.NOT" => SectionText.HeaderFieldsNot,
            "TEXT" => SectionText.Text,
            "MIME" => SectionText.Mime,
            _ => throw new ArgumentException("Unknown section " + section, nameof(section)),
        };
        return new SectionSpec(parts, text, fields);
    }

    private static void AssertSameBytes(byte[] expected, byte[] actual) =>
        Assert.Equal(Encoding.Latin1.GetString(expected), Encoding.Latin1.GetString(actual));
}
