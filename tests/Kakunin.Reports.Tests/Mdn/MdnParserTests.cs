using System.Text;
using Kakunin.Reports.Mdn;

namespace Kakunin.Reports.Tests.Mdn;

public class MdnParserTests
{
    private const string Fields =
        "Reporting-UA: joes-pc.cs.example.com; Foomail 97.1\r\n" +
        "Original-Recipient: rfc822;Joe_Recipient@example.com\r\n" +
        "Final-Recipient: rfc822;Joe_Recipient@example.com\r\n" +
        "Original-Message-ID: <199509192301.23456@example.org>\r\n" +
        "Disposition: manual-action/MDN-sent-manually; displayed\r\n";

    private static string Report(string notificationHeaders, string body) =>
        "From: Joe Recipient <Joe_Recipient@example.com>\r\n" +
        "To: Jane Sender <Jane_Sender@example.org>\r\n" +
        "Subject: Disposition notification\r\n" +
        "MIME-Version: 1.0\r\n" +
        "Content-Type: multipart/report; report-type=disposition-notification;\r\n" +
        "    boundary=\"RAA14128.773615765/example.com\"\r\n\r\n" +
        "--RAA14128.773615765/example.com\r\n\r\n" +
        "The message has been displayed.\r\n\r\n" +
        "--RAA14128.773615765/example.com\r\n" +
        notificationHeaders + "\r\n" +
        body + "\r\n" +
        "--RAA14128.773615765/example.com--\r\n";

    private static readonly DispositionNotification Expected = new(
        new MdnAddress("rfc822", "Joe_Recipient@example.com"),
        Disposition.SentByUser(DispositionType.Displayed),
        new ReportingUa("joes-pc.cs.example.com", "Foomail 97.1"),
        OriginalRecipient: new MdnAddress("rfc822", "Joe_Recipient@example.com"),
        OriginalMessageId: "<199509192301.23456@example.org>");

    [Fact]
    public void Parses_the_rfc_8098_section_9_example()
    {
        var parsed = MdnParser.TryParse(Samples.Load(Report("Content-Type: message/disposition-notification\r\n", Fields)));
        Assert.Equal(Expected, parsed);
    }

    [Fact]
    public void Parses_lf_only_and_cr_only_line_ends()
    {
        var lf = Report("Content-Type: message/disposition-notification\r\n", Fields).Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.Equal(Expected, MdnParser.TryParse(Samples.Load(lf)));
        Assert.Equal(Expected, MdnParser.TryParseFields(Fields.Replace("\r\n", "\r", StringComparison.Ordinal)));
    }

    [Fact]
    public void Parses_a_base64_notification_part()
    {
        var b64 = Convert.ToBase64String(Encoding.ASCII.GetBytes(Fields), Base64FormattingOptions.InsertLineBreaks);
        var text = Report("Content-Type: message/disposition-notification\r\nContent-Transfer-Encoding: base64\r\n", b64);
        Assert.Equal(Expected, MdnParser.TryParse(Samples.Load(text)));
    }

    [Fact]
    public void Tolerates_blank_lines_between_fields_and_missing_trailing_blank_line()
    {
        var gappy = Fields.Replace("Final-Recipient", "\r\nFinal-Recipient", StringComparison.Ordinal).TrimEnd();
        Assert.Equal(Expected, MdnParser.TryParseFields(gappy));
    }

    [Fact]
    public void Keeps_unknown_fields_in_order_and_reads_folded_lines_and_comments()
    {
        var text = "X-Foomail-Info: one\r\n" + Fields.Replace(
            "Disposition: manual-action/MDN-sent-manually; displayed",
            "disposition: Manual-Action (user) /\r\n MDN-Sent-Manually ; Displayed", StringComparison.Ordinal)
            + "X400-Physical-Forwarding-Address: two\r\n";
        var parsed = MdnParser.TryParseFields(text);
        Assert.NotNull(parsed);
        Assert.Equal(Expected.Disposition, parsed.Disposition);
        Assert.Equal(
            [new MdnExtensionField("X-Foomail-Info", "one"), new MdnExtensionField("X400-Physical-Forwarding-Address", "two")],
            parsed.Extensions);
    }

    [Fact]
    public void Reads_the_global_form_with_utf8()
    {
        var text = Report("Content-Type: message/global-disposition-notification\r\nContent-Transfer-Encoding: 8bit\r\n",
            "Final-Recipient: utf-8;花子@example.jp\r\nDisposition: manual-action/MDN-sent-manually; displayed\r\n");
        var parsed = MdnParser.TryParse(Samples.Load(text));
        Assert.Equal(new MdnAddress("utf-8", "花子@example.jp"), parsed?.FinalRecipient);
    }

    [Theory]
    [InlineData("Disposition: manual-action/MDN-sent-manually; displayed\r\n")] // no Final-Recipient
    [InlineData("Final-Recipient: rfc822;a@b\r\n")] // no Disposition
    [InlineData("Final-Recipient: rfc822;a@b\r\nDisposition: manual-action; displayed\r\n")] // no sending mode
    [InlineData("Final-Recipient: rfc822;a@b\r\nDisposition: manual-action/MDN-sent-manually; failed\r\n")] // RFC 2298 type, gone
    public void Without_the_required_fields_the_answer_is_null(string fields) =>
        Assert.Null(MdnParser.TryParseFields(fields));

    [Theory]
    [InlineData("manual-action/MDN-sent-manually; denied", ActionMode.ManualAction, SendingMode.SentManually)] // RFC 3798 §3.2.6.2
    [InlineData("automatic-action/MDN-sent-automatically; DENIED", ActionMode.AutomaticAction, SendingMode.SentAutomatically)] // case-insensitive
    public void The_rfc_3798_denied_type_older_clients_send_is_read(string value, ActionMode action, SendingMode sending)
    {
        Assert.Equal(new Disposition(action, sending, DispositionType.Denied), Disposition.TryParse(value));
        var fields = "Final-Recipient: rfc822;joe@example.com\r\nDisposition: " + value + "\r\n";
        Assert.Equal(DispositionType.Denied, MdnParser.TryParseFields(fields)?.Disposition.Type);
    }

    [Fact]
    public void Modifiers_are_kept_including_extensions()
    {
        var parsed = Disposition.TryParse("automatic-action/MDN-sent-automatically; processed/error, x-custom");
        Assert.Equal(new Disposition(ActionMode.AutomaticAction, SendingMode.SentAutomatically, DispositionType.Processed, ["error", "x-custom"]), parsed);
    }

    [Fact]
    public void A_message_without_a_notification_part_gives_null() =>
        Assert.Null(MdnParser.TryParse(Samples.Load(Samples.OriginalEn)));
}
