using System.Text;
using CsCheck;
using Kakunin.Reports.Mdn;
using MimeKit;

namespace Kakunin.Reports.Tests.Mdn;

public class MdnPropertyTests
{
    private const string Token = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._";

    private static readonly Gen<string> Word = Gen.Char[Token].Array[1, 12].Select(a => new string(a));
    private static readonly Gen<string> Text = Gen.OneOf(
        Word,
        Gen.Select(Word, Word, (a, b) => a + " " + b),
        Gen.Select(Word, Gen.OneOf("花子", "ß", "é"), (a, b) => a + b));

    private static readonly Gen<MdnAddress> Address = Gen.Select(
        Gen.OneOf("rfc822", "utf-8", "unknown", "x400"), Text, Word, (t, l, d) => new MdnAddress(t, l.Replace(" ", ".", StringComparison.Ordinal) + "@" + d));

    private static readonly Gen<Disposition> Disp = Gen.Select(
        Gen.Enum<ActionMode>(), Gen.Enum<SendingMode>(), Gen.Enum<DispositionType>(),
        Gen.OneOf<string[]>([], ["error"], ["error", "x-mod"]),
        (a, s, t, m) => new Disposition(a, s, t, m));

    private static readonly Gen<DispositionNotification> Notification = Gen.Select(
        Address, Disp, Gen.Select(Word, Text.Null(), (n, p) => new ReportingUa(n, p)).Null(),
        Gen.Select(Word, Word, (t, n) => new MdnGateway(t, n)).Null(),
        Address.Null(), Word.Select(w => "<" + w + "@example.org>").Null(),
        Text.Array[0, 2],
        Gen.Select(Word, Text, (n, v) => new MdnExtensionField("X-" + n, v)).Array[0, 3],
        (f, d, ua, gw, or, id, errors, ext) => new DispositionNotification(f, d, ua, gw, or, id, errors, ext));

    private static MimeMessage Wrap(DispositionNotification n)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Bob", "bob@example.com"));
        var report = new MultipartReport("disposition-notification") { new TextPart("plain") { Text = "x" }, MdnComposer.CreateNotificationPart(n) };
        message.Body = report;
        return message;
    }

    [Fact]
    public void Parse_of_compose_is_identity() =>
        Notification.Sample(n => Assert.Equal(n, MdnParser.TryParse(Samples.RoundTrip(Wrap(n)))), iter: 500);

    [Fact]
    public void Random_bytes_never_throw()
    {
        Gen.Byte.Array[0, 2000].Sample(bytes =>
        {
            _ = MdnParser.TryParseFields(Encoding.UTF8.GetString(bytes));
            var headers = "Content-Type: multipart/report; report-type=disposition-notification; boundary=b\r\n\r\n--b\r\nContent-Type: message/disposition-notification\r\nContent-Transfer-Encoding: base64\r\n\r\n";
            var message = Samples.Load(Encoding.ASCII.GetBytes(headers).Concat(bytes).ToArray());
            _ = MdnParser.TryParse(message);
            _ = Kakunin.Reports.Receipts.ReadReceiptRequest.Detect(message);
        }, iter: 300);
    }

    [Fact]
    public void Truncated_mdns_never_throw()
    {
        var full = Encoding.UTF8.GetBytes(Samples.Write(MdnComposer.Compose(
            Samples.Load(Samples.OriginalJa), new MailboxAddress("花子", "花子@example.jp"),
            Disposition.SentByUser(DispositionType.Displayed), new MdnComposeOptions(Samples.MdnDate, "ja", true)).Message));
        Gen.Int[0, full.Length].Sample(cut =>
        {
            MimeMessage message;
            try
            {
                message = Samples.Load(full[..cut]);
            }
            catch (FormatException)
            {
                return; // MimeKit refuses an empty stream; that is MimeKit's answer, not ours.
            }

            _ = MdnParser.TryParse(message);
            _ = Kakunin.Reports.Receipts.ReadReceiptRequest.Detect(message);
        }, iter: 300);
    }

    [Fact]
    public void Random_header_values_never_throw_from_detect()
    {
        var names = Gen.OneOf("Disposition-Notification-To", "Disposition-Notification-Options", "Return-Path",
            "Original-Recipient", "Return-Receipt-To", "X-Confirm-Reading-To");
        Gen.Select(names, Gen.String, (n, v) => (n, v)).Array[1, 6].Sample(fields =>
        {
            var list = new HeaderList();
            foreach (var (n, v) in fields)
            {
                list.Add(new Header(Encoding.UTF8, n, v.Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal)));
            }

            _ = Kakunin.Reports.Receipts.ReadReceiptRequest.Detect(list);
        }, iter: 500);
    }
}
