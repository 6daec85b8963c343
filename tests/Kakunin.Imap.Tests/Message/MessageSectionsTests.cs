using System.Buffers;
using System.Text;
using Kakunin.Imap.Message;

namespace Kakunin.Imap.Tests.Message;

// Expectations worked out by hand from RFC 9051 §6.4.5 / §7.5.2, RFC 2046 §5.1.1 and RFC 3516, independent of Dovecot.
public sealed class MessageSectionsTests
{
    private const string Multipart =
        "Subject: s\r\n" +
        "Content-Type: multipart/mixed; boundary=xyz\r\n" +
        "\r\n" +
        "--xyz\r\n" +
        "Content-Type: text/plain\r\n" +
        "\r\n" +
        "first\r\n" +
        "--xyz\r\n" +
        "Content-Transfer-Encoding: quoted-printable\r\n" +
        "\r\n" +
        "caf=C3=A9=\r\n" +
        " ok\r\n" +
        "--xyz--\r\n";

    private static string Section(string message, IReadOnlyList<int> part, SectionText text, params string[] fields) =>
        Encoding.UTF8.GetString(MessageSections.Extract(Encoding.UTF8.GetBytes(message), new SectionSpec(part, text, fields)).Span);

    [Fact]
    public void The_line_break_before_a_boundary_belongs_to_the_boundary()
    {
        // RFC 2046 §5.1.1: "the CRLF preceding the boundary delimiter line is conceptually attached to the boundary".
        Assert.Equal("first", Section(Multipart, [1], SectionText.None));
        Assert.Equal("Content-Type: text/plain\r\n\r\n", Section(Multipart, [1], SectionText.Mime));
    }

    [Fact]
    public void Header_includes_the_empty_line_and_text_is_the_rest()
    {
        Assert.Equal("Subject: s\r\nContent-Type: multipart/mixed; boundary=xyz\r\n\r\n", Section(Multipart, [], SectionText.Header));
        Assert.StartsWith("--xyz\r\n", Section(Multipart, [], SectionText.Text), StringComparison.Ordinal);
        Assert.Equal("Content-Type: multipart/mixed; boundary=xyz\r\n\r\n", Section(Multipart, [], SectionText.HeaderFields, "content-TYPE"));
        Assert.Equal("Subject: s\r\n\r\n", Section(Multipart, [], SectionText.HeaderFieldsNot, "Content-Type"));
    }

    [Fact]
    public void A_plain_message_has_only_part_one_its_body()
    {
        const string plain = "Subject: hi\r\n\r\nbody\r\n";
        Assert.Equal("body\r\n", Section(plain, [1], SectionText.None));
        Assert.Equal("", Section(plain, [2], SectionText.None));
    }

    [Fact]
    public void Binary_removes_the_transfer_encoding()
    {
        var decoded = MessageSections.DecodeBinary(Encoding.UTF8.GetBytes(Multipart), [2]);
        Assert.NotNull(decoded);
        Assert.Equal("café ok", Encoding.UTF8.GetString(decoded.Value.Span));
    }

    [Fact]
    public void Bodystructure_of_a_plain_message_follows_the_rfc_grammar()
    {
        // RFC 9051 §7.5.2: type, subtype, parameters, id, description, encoding, size, lines; then md5, disposition,
        // language, location. "Hello\r\nWorld\r\n" is 14 octets on 2 lines.
        var output = new ArrayBufferWriter<byte>();
        MessageStructure.WriteBodyStructure(output, "Subject: x\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nHello\r\nWorld\r\n"u8.ToArray(), extensible: true, utf8Quoted: false);
        Assert.Equal("(\"text\" \"plain\" (\"charset\" \"UTF-8\") NIL NIL \"7bit\" 14 2 NIL NIL NIL NIL)", Encoding.ASCII.GetString(output.WrittenSpan));
    }

    [Fact]
    public void Envelope_keeps_encoded_words_and_quotes_utf8_only_when_allowed()
    {
        var header = Encoding.UTF8.GetBytes("From: 山田 <yamada@example.jp>\r\nSubject: =?utf-8?b?5bGx55Sw?=\r\n\r\n");
        var literal = new ArrayBufferWriter<byte>();
        MessageStructure.WriteEnvelope(literal, header, utf8Quoted: false);
        var quoted = new ArrayBufferWriter<byte>();
        MessageStructure.WriteEnvelope(quoted, header, utf8Quoted: true);

        // RFC 9051 §7.5.2: NIL date; subject as written; Sender and Reply-To default to From.
        const string from = "((\"山田\" NIL \"yamada\" \"example.jp\"))";
        Assert.Equal($"(NIL \"=?utf-8?b?5bGx55Sw?=\" {from} {from} {from} NIL NIL NIL NIL NIL)", Encoding.UTF8.GetString(quoted.WrittenSpan));
        Assert.Contains("(({6}\r\n山田 NIL", Encoding.UTF8.GetString(literal.WrittenSpan), StringComparison.Ordinal);
    }
}
