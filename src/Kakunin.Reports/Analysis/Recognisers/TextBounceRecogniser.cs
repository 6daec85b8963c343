using Kakunin.Protocol;

namespace Kakunin.Reports.Analysis.Recognisers;

/// <summary>
/// Base of the prose-bounce recognisers: a family is told by its signature (sender, subject,
/// fixed sentences of its template); its recipients and diagnostics are read by <see cref="BounceText"/>.
/// </summary>
internal abstract class TextBounceRecogniser : IReportRecogniser
{
    public abstract string Format { get; }

    /// <summary>Does this message carry the family's signature?</summary>
    protected abstract bool Matches(ReportContext context);

    /// <summary>A family may narrow which lines count as recipient lines.</summary>
    protected virtual Func<string, bool>? RecipientLineFilter => null;

    /// <summary>
    /// A family whose layout says exactly where each recipient's words are may read them itself; null
    /// leaves it to the general scanner.
    /// </summary>
    protected virtual List<RawOutcome>? ReadLayout(ReportContext context) => null;

    public RecognisedReport? TryRecognise(ReportContext context)
    {
        if (!Matches(context))
        {
            return null;
        }

        var outcomes = PreferFailedRecipientsHeader(context, ReadLayout(context) ?? ApplyTranscript(context, BounceText.Scan(context, RecipientLineFilter)));
        if (IsWarningOnly(context))
        {
            outcomes = [.. outcomes.Select(o => o with { Action = Dsn.DsnAction.Delayed })];
        }

        return outcomes.Count == 0 ? null : new RecognisedReport(ReportKind.Bounce, outcomes);
    }

    // The delay warnings of Postfix ("# THIS IS A WARNING ONLY. YOU DO NOT NEED TO RESEND YOUR MESSAGE. #"),
    // Sendmail and Exchange ("THIS IS A WARNING MESSAGE ONLY") open with a banner that says the message is
    // still queued; their text also says it "could not be delivered for more than 4 hours", which alone
    // reads as a failure. The banner is the template's own statement of the action.
    private static bool IsWarningOnly(ReportContext context) =>
        context.ReadableText.Contains("THIS IS A WARNING ONLY", StringComparison.Ordinal)
        || context.ReadableText.Contains("THIS IS A WARNING MESSAGE ONLY", StringComparison.Ordinal);

    // A session transcript gives each recipient its own reply and stage (SessionTranscript): the prose
    // blocks around it run into one another ("<a>" "<b>" then one transcript), so its reply wins. A failing
    // RCPT for an address the prose did not list is a failed recipient too.
    private static List<RawOutcome> ApplyTranscript(ReportContext context, List<RawOutcome> outcomes)
    {
        if (!SessionTranscript.Present(context.ReadableText))
        {
            return outcomes;
        }

        var replies = SessionTranscript.Read(context.ReadableLines);
        if (ReferenceEquals(replies, SessionTranscript.Replies.None))
        {
            return outcomes;
        }

        var result = outcomes.Select(o => replies.For(o.Recipient) is { } reply ? WithReply(o, reply) : o).ToList();
        foreach (var (address, reply) in replies.ByRecipient)
        {
            if (reply.Command == BounceText.SmtpCommands.RcptTo && !result.Any(o => MailboxIdentity.Same(o.Recipient, address)))
            {
                var template = outcomes.FirstOrDefault();
                result.Add(WithReply(new RawOutcome(address) { Action = template?.Action, Context = template?.Context }, reply));
            }
        }

        return result;
    }

    private static RawOutcome WithReply(RawOutcome outcome, SessionTranscript.Reply reply)
    {
        var code = BounceText.ReplyCode(reply.Text);
        return outcome with
        {
            Diagnostic = BounceText.Diagnostic(reply.Text),
            ReplyCode = code,
            // The MTA's own line after the reply often repeats it with an enhanced code ("550 5.1.1 <a>... User unknown").
            Status = BounceText.ReadStatus(reply.Text) ?? (code is not null && BounceText.ReplyCode(outcome.Diagnostic) == code ? outcome.Status : null),
            Command = reply.Command,
        };
    }

    // X-Failed-Recipients is the reporting MTA's own list of the envelope recipients that failed (Exim
    // writes it, others copy it): better evidence than an address guessed from the prose, which may be the
    // sender's ("A message sent by <addr> ..."). Prose outcomes it does not name are dropped; a named
    // recipient the prose missed takes the words of the report's single prose outcome, if there is one.
    private static List<RawOutcome> PreferFailedRecipientsHeader(ReportContext context, List<RawOutcome> outcomes)
    {
        var failed = BounceText.SplitAddresses(context.Header("X-Failed-Recipients"));
        if (failed.Count == 0)
        {
            return outcomes;
        }

        var result = new List<RawOutcome>();
        foreach (var address in failed)
        {
            var own = outcomes.FirstOrDefault(o => MailboxIdentity.Same(o.Recipient, address));
            result.Add(own
                ?? (outcomes.Count == 1 ? outcomes[0] with { Recipient = address, OriginalRecipient = null } : new RawOutcome(address) { Action = outcomes.FirstOrDefault()?.Action, Context = outcomes.FirstOrDefault()?.Context }));
        }

        return result;
    }
}
