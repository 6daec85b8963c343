namespace Kakunin.Reports.Analysis.Recognisers;

/// <summary>
/// Exim: "This message was created automatically by mail delivery software." and X-Failed-Recipients; without
/// either (a translated bounce_message_file), the indented address / "host name [ip]" layout (<see cref="TextLayout.IsExim"/>).
/// </summary>
internal sealed class EximRecogniser : TextBounceRecogniser
{
    public override string Format => "exim";

    protected override bool Matches(ReportContext context) =>
        context.Header("X-Failed-Recipients") is not null
        || context.TextContains("This message was created automatically by mail delivery software", "The following address(es) failed", "SMTP error from remote mail server", "retry timeout exceeded")
        || TextLayout.IsExim(context.ReadableLines);
}
