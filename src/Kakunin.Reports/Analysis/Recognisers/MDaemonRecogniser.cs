namespace Kakunin.Reports.Analysis.Recognisers;

/// <summary>
/// MDaemon: "The attached message had PERMANENT fatal delivery errors!" and a session log whose lines read
/// "&lt;time&gt;: --&gt; RCPT To:&lt;addr&gt;" / "&lt;time&gt;: &lt;-- 550 ...". Told by that log layout; each recipient takes the
/// reply to its own RCPT (<see cref="SessionTranscript"/>).
/// </summary>
internal sealed class MDaemonRecogniser : TextBounceRecogniser
{
    public override string Format => "mdaemon";

    protected override bool Matches(ReportContext context) =>
        context.ReadableText.Contains(": --> ", StringComparison.Ordinal) && context.ReadableText.Contains(": <-- ", StringComparison.Ordinal);
}
