namespace Kakunin.Reports.Analysis.Recognisers;

/// <summary>
/// The last resort for prose bounces no family claims: a message from a mailer daemon or postmaster,
/// or with a bounce-like subject or body, read by the general scanner.
/// </summary>
internal sealed class GenericTextRecogniser : TextBounceRecogniser
{
    private static readonly string[] Subjects =
    [
        "undeliver", "undelivered", "delivery fail", "delivery status", "failure notice", "returned mail", "mail delivery",
        "not delivered", "delivery problem", "nondeliverable", "non-deliverable", "could not be delivered", "delivery notification",
        "mail system error", "bounce", "failed", "warning: message", "delayed", "error",
    ];

    private static readonly string[] BodyPhrases =
    [
        "could not be delivered", "undeliverable", "delivery failed", "was not delivered", "unable to deliver", "not be delivered",
        "permanent error", "delivery has failed", "could not deliver", "delivery to the following", "failed to deliver",
    ];

    public override string Format => "text";

    protected override bool Matches(ReportContext context) =>
        AutoReplyRecogniser.IsMailerDaemon(context.From)
        || context.Header("X-Failed-Recipients") is not null
        || context.SubjectContains(Subjects)
        || context.TextContains(BodyPhrases);
}
