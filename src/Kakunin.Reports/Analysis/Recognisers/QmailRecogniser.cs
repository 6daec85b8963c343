namespace Kakunin.Reports.Analysis.Recognisers;

/// <summary>
/// qmail and its descendants (netqmail, Yahoo, many ISPs): "Hi. This is the qmail-send program",
/// "&lt;addr&gt;:" blocks, "--- Below this line is a copy of the message.". Without those sentences (a
/// translated or customised bounce text), the layout decides (<see cref="TextLayout.IsQmail"/>).
/// </summary>
internal sealed class QmailRecogniser : TextBounceRecogniser
{
    public override string Format => "qmail";

    private static readonly System.Buffers.SearchValues<string> CopyBelow = TextSearch.Phrases("Below this line is a copy of the message");

    protected override bool Matches(ReportContext context) =>
        context.TextContains("This is the qmail-send program", "I'm afraid I wasn't able to deliver your message", "Remote host said:", "Below this line is a copy of the message", "does not like recipient", "unable to deliver your message to the following address")
        || TextSearch.ContainsAny(context.ReturnedText, CopyBelow)
        || context.ReturnedText.StartsWith("--- Original message follows", StringComparison.OrdinalIgnoreCase)
        || TextLayout.IsQmail(context.ReadableLines);

    protected override Func<string, bool>? RecipientLineFilter => static line => line.TrimStart().StartsWith('<');
}
