using Kakunin.Protocol;
using Kakunin.Reports.Dsn;

namespace Kakunin.Reports.Analysis.Recognisers;

/// <summary>
/// The standard path: a message/delivery-status (or message/global-delivery-status) part
/// (RFC 3464, RFC 6522, RFC 6533). Where a recipient block lacks a Diagnostic-Code, the
/// human-readable part is read for that recipient's words.
/// </summary>
internal sealed class Rfc3464Recogniser : IReportRecogniser
{
    public string Format => "rfc3464";

    private static readonly System.Buffers.SearchValues<string> FinalRecipientField = TextSearch.Phrases("Final-Recipient:");

    public RecognisedReport? TryRecognise(ReportContext context)
    {
        // RFC 3464 fields inline in a text body (no MIME structure, or a broken one) are still the fields.
        // DsnParser.FindStatusPart's types, from the context's one walk of the parts.
        var report = DsnParser.TryParsePart(context.FindPart("message", "delivery-status") ?? context.FindPart("message", "global-delivery-status"))
            ?? (TextSearch.ContainsAny(context.BodyText, FinalRecipientField) ? DsnParser.TryParseFields(context.BodyText) : null);
        if (report is null)
        {
            return null;
        }

        // The prose is read only when a block leaves something out that the prose may say.
        // A report Kakunin composed carries the server's words only in Diagnostic-Code: its prose is
        // Kakunin's own ("Status: 2.0.0", "Last attempt: ...") and never stands in for them.
        var blocks = new Lazy<List<(string Address, string Text)>>(() =>
            DsnHumanText.IsComposedText(context.ReadableText, report.ReportingMta.Name) ? [] : BounceText.RecipientBlocks(context));
        var outcomes = new List<RawOutcome>();
        foreach (var recipient in report.Recipients)
        {
            var address = recipient.FinalRecipient.Address;
            // Each read of the block's own diagnostic once (regexes and scans over the text).
            var fieldDiagnostic = recipient.DiagnosticCode?.Text;
            var fieldRemoteMta = BounceText.RemoteMta(fieldDiagnostic);
            var fieldCommand = BounceText.FailedCommand(fieldDiagnostic);
            // The status part usually says it all; the prose is scanned (the costliest step, see
            // docs/benchmarks.md) only for the server's words or name when the block lacks them, and then only
            // this recipient's block of it. The failed command of a single-recipient report is still read from
            // the whole text below.
            var needsProse = string.IsNullOrWhiteSpace(fieldDiagnostic)
                || (recipient.RemoteMta is null && fieldRemoteMta is null)
                || (report.Recipients.Count > 1 && fieldCommand is null);
            // The block's status is never read (the Status field is the status), its command only where the
            // diagnostic names none. Read only when one of its answers is used (below): most blocks lack only the
            // remote host or the command, and most prose cannot name either (MayNameRemoteMta, MayNameCommand).
            var single = report.Recipients.Count == 1;
            if (needsProse)
            {
                // Decoded here, as before the prose was deferred: a part that fails to decode fails inside Analyze.
                _ = context.ReadableText;
            }

            RawOutcome? prose = null;
            var proseRead = false;
            RawOutcome? Prose()
            {
                if (!proseRead)
                {
                    prose = needsProse ? ProseFor(context, blocks.Value, address, single, fieldCommand is null) : null;
                    proseRead = true;
                }

                return prose;
            }

            var fromProse = string.IsNullOrWhiteSpace(fieldDiagnostic);
            var diagnostic = fromProse ? Prose()?.Diagnostic : fieldDiagnostic;

            // The command: the diagnostic's, else the block's, else (one-recipient report) anywhere in the prose;
            // searched only if read (RawOutcome.CommandBuilder).
            string? BlockCommand() => needsProse && BounceText.MayNameCommand(context) ? Prose()?.Command : null;
            outcomes.Add(new RawOutcome(address)
            {
                Command = fieldCommand,
                CommandBuilder = fieldCommand is not null ? null
                    : single ? () => BlockCommand() ?? BounceText.FailedCommand(context.ReadableText) ?? BounceText.TranscriptCommandOf(context, address)
                    : needsProse ? BlockCommand
                    : null,
                OriginalRecipient = recipient.OriginalRecipient?.Address,
                Action = recipient.Action,
                Status = recipient.Status,
                ReplyCode = BounceText.ReplyCode(diagnostic) ?? Prose()?.ReplyCode,
                Diagnostic = BounceText.Diagnostic(diagnostic),
                DiagnosticType = fromProse ? null : recipient.DiagnosticCode?.Type,
                RemoteMta = recipient.RemoteMta?.Name ?? (fromProse ? BounceText.RemoteMta(diagnostic) : fieldRemoteMta)
                    ?? (needsProse && BounceText.MayNameRemoteMta(context.ReadableText) ? Prose()?.RemoteMta : null),
                ContextBuilder = () => (Prose()?.Diagnostic ?? string.Empty) + "\n" + context.SubjectAndText,
            });
        }

        return new RecognisedReport(ReportKind.Dsn, outcomes)
        {
            OriginalEnvelopeId = report.OriginalEnvelopeId,
            Dsn = report,
        };
    }

    // The prose block of this recipient (the same address), or the only block of a one-recipient report.
    private static RawOutcome? ProseFor(ReportContext context, List<(string Address, string Text)> blocks, string address, bool onlyRecipient, bool command)
    {
        var index = blocks.FindIndex(b => MailboxIdentity.Same(b.Address, address));
        if (index < 0 && onlyRecipient && blocks.Count == 1)
        {
            index = 0;
        }

        return index < 0 ? null : BounceText.ReadBlock(context, blocks[index], blocks.Count, status: false, command);
    }
}
