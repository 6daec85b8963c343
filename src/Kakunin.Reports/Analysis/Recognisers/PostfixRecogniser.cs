namespace Kakunin.Reports.Analysis.Recognisers;

/// <summary>Postfix bounce(8) prose: "This is the mail system at host ...", "&lt;addr&gt;: host mx[ip] said: 550 ...".</summary>
internal sealed class PostfixRecogniser : TextBounceRecogniser
{
    public override string Format => "postfix";

    protected override bool Matches(ReportContext context) =>
        context.TextContains("This is the mail system at host", "The mail system", "(in reply to RCPT TO command)", "(in reply to end of DATA command)", "(in reply to MAIL FROM command)")
        || context.Header("X-Postfix-Queue-ID") is not null;
}
