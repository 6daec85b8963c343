using Kakunin.Reports.Fields;
using Kakunin.Reports.Mime;

namespace Kakunin.Reports.Analysis.Recognisers;

/// <summary>
/// Read receipts (RFC 8098): the fields of the message/disposition-notification part, read minimally
/// here (Final-Recipient, Original-Recipient, Original-Message-ID, Disposition).
/// </summary>
internal sealed class MdnRecogniser : IReportRecogniser
{
    public string Format => "rfc8098";

    public RecognisedReport? TryRecognise(ReportContext context)
    {
        var part = context.FindPart("message", "disposition-notification")
            ?? context.FindPart("message", "global-disposition-notification");
        if (part is null)
        {
            return null;
        }

        var text = ReportParts.ReadText(part);
        // The typed parse, once: its result travels on in the analysis (ReportAnalysis.Mdn), so nobody parses it again.
        if (Mdn.MdnParser.TryParseFields(text) is { } mdn)
        {
            return new RecognisedReport(
                ReportKind.Mdn,
                [new RawOutcome(mdn.FinalRecipient.Address) { OriginalRecipient = mdn.OriginalRecipient?.Address, Reason = BounceReason.Delivered }])
            {
                Disposition = mdn.Disposition.ToString(),
                OriginalMessageId = ReportAnalyzer.StripAngles(mdn.OriginalMessageId),
                Mdn = mdn,
            };
        }

        // Not a valid MDN (RFC 8098 §3.1: Final-Recipient and Disposition are required): read what is there.
        var fields = ReportFieldReader.ReadGroups(text).SelectMany(g => g.Fields).ToList();
        string? Field(string name) => fields.FirstOrDefault(f => f.Name.Equals(name, StringComparison.OrdinalIgnoreCase))?.Value;
        var final = Dsn.DsnParser.ReadAddress(Field("Final-Recipient"));
        var original = Dsn.DsnParser.ReadAddress(Field("Original-Recipient"));
        var recipient = final ?? original;
        var outcomes = recipient is null
            ? new List<RawOutcome>()
            : [new RawOutcome(recipient.Address) { OriginalRecipient = original?.Address, Reason = BounceReason.Delivered }];
        return new RecognisedReport(ReportKind.Mdn, outcomes)
        {
            Disposition = Field("Disposition"),
            OriginalMessageId = ReportAnalyzer.StripAngles(Field("Original-Message-ID")),
        };
    }
}
