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
        var part = ReportParts.Find(context.Message.Body, "message", "disposition-notification")
            ?? ReportParts.Find(context.Message.Body, "message", "global-disposition-notification");
        if (part is null)
        {
            return null;
        }

        var fields = ReportFieldReader.ReadGroups(ReportParts.ReadText(part)).SelectMany(g => g.Fields).ToList();
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
