using System.Text;
using Kakunin.Protocol;
using Kakunin.Reports.Dsn;

namespace Kakunin.Reports.Analysis.Recognisers;

/// <summary>
/// A mailing-list manager refusing or holding a post (GNU Mailman, Sympa, mlmmj, Majordomo, LISTSERV):
/// not an MTA's bounce but the list's own notice to the poster. Told by its structure: it comes from the
/// list's administrative address (Mailman's "-owner" / "-bounces", mlmmj's "+owner", Sympa's "sympa@",
/// or carries Mailman's X-List-Administrivia header) and says the post was refused or held. The
/// recipient is the list's posting address; a held post is delayed and <see cref="BounceReason.OnHold"/>,
/// a refused one failed and <see cref="BounceReason.Rejected"/> (the poster is refused, as with
/// Google Groups) unless the list names a cause of its own (size, spam, virus).
/// </summary>
/// <remarks>ezmlm refuses through qmail-send's bounce and is read by <see cref="QmailRecogniser"/>.</remarks>
internal sealed class MailingListRecogniser : IReportRecogniser
{
    // The suffixes list managers give their administrative addresses: Mailman "list-owner", "list-bounces",
    // "list-request", "list-admin" (Mailman 2); mlmmj "list+owner"; Majordomo "owner-list".
    private static readonly string[] AdminSuffixes = ["-owner", "-bounces", "-request", "-admin", "+owner", "+bounces"];

    // Addresses that run a whole list server (Sympa, Mailman's site list, LISTSERV, Majordomo, ezmlm, mlmmj).
    private static readonly string[] ServerNames = ["sympa", "mailman", "listserv", "majordomo", "ezmlm", "mlmmj", "listmaster"];

    private static readonly string[] RefusalWords = ["rejected", "denied", "refused", "not allowed", "not permitted", "discarded", "bounced"];

    private static readonly BounceReason[] OwnCauses =
        [BounceReason.MesgTooBig, BounceReason.SpamDetected, BounceReason.VirusDetected, BounceReason.ContentError, BounceReason.ExceedLimit];

    public string Format => "mailinglist";

    public RecognisedReport? TryRecognise(ReportContext context)
    {
        var from = context.From;
        var administrivia = context.Header("X-List-Administrivia")?.Trim().Equals("yes", StringComparison.OrdinalIgnoreCase) == true;
        var stem = ListStem(from);
        if (!administrivia && stem is null && !IsListServer(from))
        {
            return null;
        }

        var text = context.SubjectAndText;
        var held = Contains(text, "held") && (Contains(text, "moderator") || Contains(text, "approval"));
        if (!held && !RefusalWords.Any(w => Contains(text, w)))
        {
            return null; // a welcome, a digest, a confirmation: not about a refused post
        }

        // A "-request" or "-owner" address is not always a list's (a ticket desk answering "request
        // denied"): without Mailman's header, the notice must speak of a list and name the list's address.
        if (!administrivia && !Contains(text, "list"))
        {
            return null;
        }

        var list = ListAddress(context, stem, administrivia);
        if (list is null)
        {
            return null;
        }

        var diagnostic = ReasonParagraph(context.ReadableLines);
        BounceReason? reason = held ? BounceReason.OnHold
            : ReasonClassifier.FromText(diagnostic) is { } own && OwnCauses.Contains(own) ? null
            : BounceReason.Rejected;
        return new RecognisedReport(ReportKind.Bounce,
        [
            new RawOutcome(list)
            {
                Action = held ? DsnAction.Delayed : DsnAction.Failed,
                Diagnostic = diagnostic,
                Reason = reason,
                Context = text,
            },
        ]);
    }

    private static bool Contains(string text, string word) => text.Contains(word, StringComparison.OrdinalIgnoreCase);

    // "team-owner@lists.example.org" → "team@lists.example.org"; null when the address has no admin suffix.
    private static string? ListStem(string address)
    {
        var at = address.LastIndexOf('@');
        if (at <= 0)
        {
            return null;
        }

        var local = address[..at];
        if (local.StartsWith("owner-", StringComparison.OrdinalIgnoreCase) && local.Length > 6)
        {
            return local[6..] + address[at..];
        }

        var suffix = AdminSuffixes.FirstOrDefault(s => local.EndsWith(s, StringComparison.OrdinalIgnoreCase) && local.Length > s.Length);
        return suffix is null ? null : local[..^suffix.Length] + address[at..];
    }

    private static bool IsListServer(string address)
    {
        var at = address.LastIndexOf('@');
        return at > 0 && ServerNames.Contains(address[..at], StringComparer.OrdinalIgnoreCase);
    }

    // The list's posting address: the From's stem when the notice names it; else an address of the notice
    // at the From's domain that is not administrative; with Mailman's header only, else the stem, else the
    // refused message's To.
    private static string? ListAddress(ReportContext context, string? stem, bool administrivia)
    {
        var named = BounceText.SplitAddresses(context.Subject + "\n" + context.ReadableText);
        if (stem is not null && named.Any(a => MailboxIdentity.Same(a, stem)))
        {
            return stem;
        }

        var domain = context.From[(context.From.LastIndexOf('@') + 1)..];
        var sameDomain = named.FirstOrDefault(a => a.EndsWith("@" + domain, StringComparison.OrdinalIgnoreCase)
            && !MailboxIdentity.Same(a, context.From) && ListStem(a) is null && !IsListServer(a));
        return sameDomain ?? (administrivia ? stem ?? BounceText.SplitAddresses(context.OriginalHeader("To")).FirstOrDefault() : null);
    }

    // The list's stated reason: the paragraph after the first line that ends with a colon ("...for the
    // following reasons:", "...held because:"), which is where Mailman and Sympa put it; else the line
    // that says the post was refused.
    private static string? ReasonParagraph(IReadOnlyList<string> lines)
    {
        var i = 0;
        while (i < lines.Count && !lines[i].TrimEnd().EndsWith(':'))
        {
            i++;
        }

        i++;
        while (i < lines.Count && string.IsNullOrWhiteSpace(lines[i]))
        {
            i++;
        }

        var paragraph = new StringBuilder();
        for (; i < lines.Count && !string.IsNullOrWhiteSpace(lines[i]) && paragraph.Length < 500; i++)
        {
            paragraph.Append(paragraph.Length > 0 ? " " : string.Empty).Append(lines[i].Trim());
        }

        return paragraph.Length > 0 ? paragraph.ToString()
            : lines.Select(l => l.Trim()).FirstOrDefault(l => RefusalWords.Any(w => Contains(l, w)));
    }
}
