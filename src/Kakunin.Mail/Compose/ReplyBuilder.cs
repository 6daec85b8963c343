using System.Globalization;
using System.Text;
using Kakunin.Mail.Reading;
using MimeKit;

namespace Kakunin.Mail.Compose;

/// <summary>
/// Prefills the compose form for a reply, reply-all or forward: recipients, subject, the quoted text and the
/// thread fields (RFC 5322 §3.6.4: In-Reply-To is the parent's Message-ID, References the parent's References
/// followed by it).
/// </summary>
public static class ReplyBuilder
{
    /// <param name="ownAddresses">The user's own addresses (theirs and their aliases), never written into a reply-all.</param>
    public static ComposeRequest Build(MimeMessage original, ReplyKind kind, IReadOnlyCollection<string> ownAddresses, QuoteText text, bool requestDeliveryReceipt, bool requestReadReceipt)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(ownAddresses);
        ArgumentNullException.ThrowIfNull(text);
        var own = new HashSet<string>(ownAddresses, StringComparer.OrdinalIgnoreCase);
        var bodyText = MessageText.PlainText(original);
        var sender = original.From.Mailboxes.FirstOrDefault();
        var senderText = sender is null ? string.Empty : sender.ToString();
        var date = original.Date == DateTimeOffset.MinValue ? string.Empty : text.FormatDate(original.Date);

        if (kind == ReplyKind.Forward)
        {
            var forwarded = new StringBuilder()
                .Append("\n\n").Append(text.ForwardBanner).Append('\n')
                .Append("From: ").Append(senderText).Append('\n')
                .Append("Date: ").Append(date).Append('\n')
                .Append("Subject: ").Append(original.Subject).Append('\n')
                .Append("To: ").Append(original.To.ToString()).Append("\n\n")
                .Append(bodyText);
            var forwardedHtml = QuotedHtml(original, [text.ForwardBanner, "From: " + senderText, "Date: " + date, "Subject: " + original.Subject, "To: " + original.To], quote: false);
            return new ComposeRequest(
                string.Empty, string.Empty, string.Empty, Prefixed("Fwd: ", original.Subject), forwarded.ToString(),
                requestDeliveryReceipt, requestReadReceipt, MessageText.Attachments(original), HtmlBody: forwardedHtml);
        }

        var replyTo = original.ReplyTo.Mailboxes.Any() ? original.ReplyTo.Mailboxes : original.From.Mailboxes;
        var to = replyTo.ToList();
        var cc = new List<MailboxAddress>();
        if (kind == ReplyKind.ReplyAll)
        {
            to.AddRange(original.To.Mailboxes);
            cc.AddRange(original.Cc.Mailboxes);
        }

        var seen = new HashSet<string>(own, StringComparer.OrdinalIgnoreCase);
        var toList = to.Where(m => seen.Add(m.Address)).ToList();
        var ccList = cc.Where(m => seen.Add(m.Address)).ToList();
        if (toList.Count == 0 && replyTo.FirstOrDefault() is { } self)
        {
            toList.Add(self); // replying to a message we sent ourselves: keep its sender rather than nobody
        }

        var quoted = new StringBuilder("\n\n")
            .AppendFormat(CultureInfo.InvariantCulture, text.WroteLine, date, senderText).Append('\n');
        foreach (var line in bodyText.Split('\n'))
        {
            quoted.Append('>').Append(line.Length > 0 && line[0] != '>' ? " " : string.Empty).Append(line.TrimEnd('\r')).Append('\n');
        }

        var references = original.References.ToList();
        if (original.MessageId is { Length: > 0 } id)
        {
            references.Add(id);
        }

        var quotedHtml = QuotedHtml(original, [string.Format(CultureInfo.InvariantCulture, text.WroteLine, date, senderText)], quote: true);
        return new ComposeRequest(
            Join(toList), Join(ccList), string.Empty, Prefixed("Re: ", original.Subject), quoted.ToString(),
            requestDeliveryReceipt, requestReadReceipt, null, original.MessageId, references, quotedHtml);
    }

    // An original with an HTML body is quoted as HTML (sanitised as anything we send, OutgoingHtml): two empty lines
    // to write in, the lead lines, then the original in a blockquote (reply) or as it was (forward). Null for a
    // text-only original, whose quote stays the plain "> " text.
    private static string? QuotedHtml(MimeMessage original, IEnumerable<string> lead, bool quote)
    {
        if (original.HtmlBody is not { } html || OutgoingHtml.Sanitise(html) is not { Length: > 0 } safe)
        {
            return null;
        }

        var result = new StringBuilder("<div><br></div><div><br></div>");
        foreach (var line in lead)
        {
            result.Append("<div>").Append(System.Net.WebUtility.HtmlEncode(line)).Append("</div>");
        }

        return (quote ? result.Append("<blockquote>").Append(safe).Append("</blockquote>") : result.Append("<div><br></div>").Append(safe)).ToString();
    }

    private static string Join(IEnumerable<MailboxAddress> mailboxes) => string.Join(", ", mailboxes.Select(m => m.ToString()));

    // One "Re:" or "Fwd:", not a growing chain; RFC 5322 §3.6.5 names "Re: " as the usual reply prefix.
    private static string Prefixed(string prefix, string? subject)
    {
        var s = subject?.Trim() ?? string.Empty;
        var bare = prefix.TrimEnd();
        return s.StartsWith(bare, StringComparison.OrdinalIgnoreCase) || (prefix == "Fwd: " && s.StartsWith("Fw:", StringComparison.OrdinalIgnoreCase))
            ? s
            : prefix + s;
    }
}
