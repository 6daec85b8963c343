namespace Kakunin.Reports.Fields;

/// <summary>
/// Reads the body of a message/delivery-status or message/disposition-notification part into
/// field groups. Written by hand rather than using MimeKit's <c>MessageDeliveryStatus.StatusGroups</c>
/// because real reports need leniency MimeKit does not give: bare LF or bare CR line ends,
/// several blank lines or whitespace-only lines between groups, empty groups, lines without a
/// colon, and field bodies folded with tabs.
/// </summary>
public static class ReportFieldReader
{
    /// <summary>Upper bound on the fields read, so a hostile report cannot grow memory without end.</summary>
    public const int MaxFields = 10_000;

    public static IReadOnlyList<ReportFieldGroup> ReadGroups(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var groups = new List<ReportFieldGroup>();
        var current = new List<ReportField>();
        // The field being read: its name, and its value as a range of the text (already trimmed) until a folded
        // line continues it, then in a builder. Every standard DSN's status part comes through here: a builder,
        // a closure and a copy of the name per field were a share of the DSN path's allocations (docs/benchmarks.md
        // §5, sixth pass). The values are the same strings: a one-line value is the trimmed rest of its line, a
        // folded one the pieces joined by a space and trimmed, as before.
        string? name = null;
        var valueStart = 0;
        var valueLength = 0;
        System.Text.StringBuilder? folded = null;
        var total = 0;

        // Lines as spans (the same ends as SplitLines): only names and values are copied out of the text.
        for (var start = 0; start < text.Length;)
        {
            var rest = text.AsSpan(start);
            var end = rest.IndexOfAny('\r', '\n');
            var line = end < 0 ? rest : rest[..end];
            var lineStart = start;
            start = end < 0 ? text.Length : start + end + (rest[end] == '\r' && end + 1 < rest.Length && rest[end + 1] == '\n' ? 2 : 1);
            if (total >= MaxFields)
            {
                break;
            }

            if (line.IsWhiteSpace())
            {
                EndField(text, current, ref name, valueStart, valueLength, folded, ref total);
                EndGroup(groups, ref current);
                continue;
            }

            if (line[0] is ' ' or '\t')
            {
                // RFC 5322 §2.2.3: a folded line continues the previous field body.
                if (name is not null)
                {
                    folded ??= new System.Text.StringBuilder();
                    if (folded.Length == 0)
                    {
                        folded.Append(text, valueStart, valueLength);
                    }

                    folded.Append(' ').Append(line.Trim());
                }

                continue;
            }

            var colon = line.IndexOf(':');
            if (colon <= 0 || line[..colon].ContainsAny(' ', '\t') && !IsSpaceBeforeColon(line, colon))
            {
                // Not a field: prose some MTAs put inside the status part. Skip it.
                EndField(text, current, ref name, valueStart, valueLength, folded, ref total);
                continue;
            }

            EndField(text, current, ref name, valueStart, valueLength, folded, ref total);
            name = FieldName(line[..colon].TrimEnd());
            var value = line[(colon + 1)..];
            var trimmed = value.Trim();
            valueStart = lineStart + colon + 1 + (value.Length - value.TrimStart().Length);
            valueLength = trimmed.Length;
        }

        EndField(text, current, ref name, valueStart, valueLength, folded, ref total);
        EndGroup(groups, ref current);
        return groups;
    }

    private static void EndField(string text, List<ReportField> current, ref string? name, int valueStart, int valueLength, System.Text.StringBuilder? folded, ref int total)
    {
        if (name is null)
        {
            return;
        }

        string value;
        if (folded is { Length: > 0 })
        {
            value = folded.ToString().Trim();
            folded.Clear();
        }
        else
        {
            value = text.Substring(valueStart, valueLength);
        }

        current.Add(new ReportField(name, value));
        total++;
        name = null;
    }

    private static void EndGroup(List<ReportFieldGroup> groups, ref List<ReportField> current)
    {
        if (current.Count > 0)
        {
            groups.Add(new ReportFieldGroup(current));
            current = [];
        }
    }

    // The field names reports carry (RFC 3464 §2.2-2.3, RFC 8098 §3.2, RFC 5965 §3.1), spelled as the RFCs spell them:
    // a name written exactly so is that string, not a new copy. Any other spelling or name is copied as it is.
    private static readonly string[] KnownNames =
    [
        "Reporting-MTA", "Original-Envelope-Id", "Arrival-Date", "Received-From-MTA", "DSN-Gateway", "X-Postfix-Queue-ID",
        "X-Postfix-Sender", "Original-Recipient", "Final-Recipient", "Action", "Status", "Remote-MTA", "Diagnostic-Code",
        "Last-Attempt-Date", "Final-Log-ID", "Will-Retry-Until", "Reporting-UA", "Original-Message-ID", "Disposition",
        "Feedback-Type", "User-Agent", "Version", "Source-IP", "Original-Mail-From", "Original-Rcpt-To", "Authentication-Results",
        "Reported-Domain", "Incidents",
    ];

    private static string FieldName(ReadOnlySpan<char> name)
    {
        foreach (var known in KnownNames)
        {
            if (name.SequenceEqual(known))
            {
                return known;
            }
        }

        return name.ToString();
    }

    /// <summary>
    /// The lines of <paramref name="text"/>, split on CRLF, LF or CR alone; a last line end adds no empty line. The one
    /// line splitter of the reports library (DSN and MDN fields, the readable text's lines): the next line end is found
    /// with a vectorised search (docs/benchmarks.md §5, sixth pass).
    /// </summary>
    public static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
        for (var start = 0; start < text.Length;)
        {
            var end = text.AsSpan(start).IndexOfAny('\r', '\n');
            if (end < 0)
            {
                lines.Add(text[start..]);
                break;
            }

            end += start;
            lines.Add(text[start..end]);
            start = end + (text[end] == '\r' && end + 1 < text.Length && text[end + 1] == '\n' ? 2 : 1);
        }

        return lines;
    }

    // "Final-Recipient : rfc822; x" (space before the colon) is obsolete syntax (RFC 5322 §4.5)
    // still seen in the wild; accept it when the name itself has no inner space.
    private static bool IsSpaceBeforeColon(ReadOnlySpan<char> line, int colon) =>
        !line[..colon].TrimEnd().ContainsAny(' ', '\t');
}
