using System.Text;
using Kakunin.Reports.Mime;
using MimeKit;

namespace Kakunin.Reports.Tests.Parts;

/// <summary>
/// <see cref="ReportParts.ReadText(MimeEntity)"/> decodes a text part with its named charset directly (for speed); the text it
/// gives must be the text MimeKit's own <see cref="TextPart.Text"/> gives for the same part, the peer it replaces.
/// </summary>
public sealed class ReportPartsTextTests
{
    static ReportPartsTextTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Theory]
    [InlineData("utf-8", "quoted-printable")]
    [InlineData("utf-8", "base64")]
    [InlineData("iso-8859-1", "quoted-printable")]
    [InlineData("shift_jis", "base64")]
    [InlineData("iso-2022-jp", "7bit")]
    [InlineData("windows-1252", "8bit")]
    public void Text_with_a_named_charset_reads_as_MimeKit_reads_it(string charset, string transfer)
    {
        var text = "Delivery to the following recipient failed: ユーザー café\r\n\r\n550 5.1.1 <user@example.jp>: unknown\r\nlone\rcarriage\n";
        var encoding = Encoding.GetEncoding(charset, EncoderFallback.ReplacementFallback, DecoderFallback.ReplacementFallback);
        var part = Parse($"Content-Type: text/plain; charset={charset}\r\nContent-Transfer-Encoding: {transfer}\r\n\r\n", encoding.GetBytes(text), transfer);

        var read = ReportParts.ReadText(part);

        Assert.Equal(part.Text, read);
        Assert.DoesNotContain("\r\n", read, StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_the_named_charset_refuses_read_as_MimeKit_reads_them()
    {
        var bytes = new byte[] { (byte)'5', (byte)'5', (byte)'0', (byte)' ', 0xC3, 0x28, 0xFF, (byte)'\r', (byte)'\n' };
        var part = Parse("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n", bytes, "8bit");

        Assert.Equal(part.Text, ReportParts.ReadText(part));
    }

    // ReadText makes CRLF LF in place in its decode buffer (docs/benchmarks.md §5, fourth pass): every awkward run of
    // line ends must come out as MimeKit's line-ending filter writes it. (A part whose last character is a lone CR
    // reads differently from MimeKit's, before and after that change: see docs/benchmarks.md §5, fourth pass.)
    [Theory]
    [InlineData("a\r\r\nb")]
    [InlineData("\r\n\r\n550 5.1.1\r\n")]
    [InlineData("\n\r\n\r\r\n\n")]
    [InlineData("no line end at all")]
    [InlineData("\r\nx\r\ny\r\nz")]
    public void Line_ends_read_as_MimeKit_reads_them(string text)
    {
        var part = Parse("Content-Type: text/plain; charset=us-ascii\r\nContent-Transfer-Encoding: base64\r\n\r\n", Encoding.ASCII.GetBytes(text), "base64");

        Assert.Equal(part.Text, ReportParts.ReadText(part));
    }

    private static TextPart Parse(string headers, byte[] body, string transfer)
    {
        var encoded = transfer switch
        {
            "base64" => Encoding.ASCII.GetBytes(Convert.ToBase64String(body, Base64FormattingOptions.InsertLineBreaks) + "\r\n"),
            "quoted-printable" => QuotedPrintable(body),
            _ => body,
        };
        using var stream = new MemoryStream([.. Encoding.ASCII.GetBytes("MIME-Version: 1.0\r\n" + headers), .. encoded]);
        return Assert.IsType<TextPart>(MimeMessage.Load(stream).Body);
    }

    // Every byte outside printable ASCII (and '=') written as =XX; line ends kept as they are.
    private static byte[] QuotedPrintable(byte[] body)
    {
        var output = new StringBuilder();
        foreach (var b in body)
        {
            output.Append(b is (>= 33 and <= 126 and not (byte)'=') or (byte)' ' or (byte)'\r' or (byte)'\n' ? ((char)b).ToString() : $"={b:X2}");
        }

        return Encoding.ASCII.GetBytes(output.ToString());
    }
}
