using System.Text;
using CsCheck;
using Kakunin.Reports.Analysis;
using Kakunin.Reports.Dsn;
using Kakunin.Reports.Mdn;
using Kakunin.Tracking;
using MimeKit;

namespace Kakunin.Fuzz;

/// <summary>
/// The report parsers on mutated team-written fixtures (tests/Kakunin.Reports.Tests): ReportIntake.Inspect, the
/// analyser, DSN (RFC 3464) and MDN (RFC 8098) parsing of the message and of the raw text as fields. None may
/// throw; only MimeKit's own FormatException from <see cref="MimeMessage.Load(Stream, CancellationToken)"/> is
/// expected (it documents it). Time per input is bounded by the runner's timeout.
/// </summary>
internal sealed class ReportsTarget : IFuzzTarget
{
    private static readonly string[] Tokens =
    [
        "\r\n", "\n", "\r\n\r\n", "--", "boundary=\"b\"", "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n",
        "Content-Type: message/delivery-status\r\n", "Content-Type: message/disposition-notification\r\n", "Content-Type: message/global-delivery-status\r\n",
        "Content-Transfer-Encoding: base64\r\n", "Content-Transfer-Encoding: quoted-printable\r\n", "charset=\"x-unknown\"", "charset=utf-7",
        "Final-Recipient: rfc822; bob@x.example\r\n", "Action: failed\r\n", "Status: 5.1.1\r\n", "Status: 9.9.99999\r\n",
        "Disposition: automatic-action/MDN-sent-automatically; displayed\r\n", "Original-Recipient: utf-8;\\x{FC}@x\r\n",
        "Diagnostic-Code: smtp; 550 5.1.1 <bob@x> unknown\r\n", "=?utf-8?B?", "?=", "=\r\n", "=E9", "\0", "\u00e9",
    ];

    private readonly IReadOnlyList<byte[]> _seeds = Seeds.ReportMessages();

    public string Name => "reports";

    public Gen<FuzzCase> Cases
    {
        get
        {
            var dictionary = Tokens.Select(Encoding.UTF8.GetBytes).ToArray();
            var data = Gen.Frequency((1, Gen.OneOf([.. _seeds])), (9, Mutator.Mutated(_seeds, dictionary, 128 * 1024)));
            return Gen.Select(data, Gen.Int[0, int.MaxValue]).Select((d, v) => new FuzzCase(d, v));
        }
    }

    public string Describe(FuzzCase input) => "a message (.eml); the variant is not used";

    public FuzzVerdict Check(FuzzCase input)
    {
        _ = ReportIntake.Inspect(input.Data);
        using (var stream = new MemoryStream(input.Data, writable: false))
        {
            _ = ReportAnalyzer.Analyze(stream);
        }

        var text = Encoding.UTF8.GetString(input.Data);
        _ = DsnParser.TryParseFields(text);
        _ = MdnParser.TryParseFields(text);

        MimeMessage message;
        try
        {
            using var stream = new MemoryStream(input.Data, writable: false);
            message = MimeMessage.Load(stream);
        }
        catch (FormatException)
        {
            return FuzzVerdict.Pass; // MimeKit: "There was an error parsing the entity."
        }

        using (message)
        {
            _ = DsnParser.TryParse(message);
            _ = MdnParser.TryParse(message);
        }

        return FuzzVerdict.Pass;
    }
}
