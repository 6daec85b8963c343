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
        string? name = null;
        var value = new System.Text.StringBuilder();
        var total = 0;

        void EndField()
        {
            if (name is not null)
            {
                current.Add(new ReportField(name, value.ToString().Trim()));
                total++;
                name = null;
                value.Clear();
            }
        }

        void EndGroup()
        {
            EndField();
            if (current.Count > 0)
            {
                groups.Add(new ReportFieldGroup(current));
                current = [];
            }
        }

        // Lines as spans (the same ends as SplitLines): only names and values are copied out of the text.
        for (var rest = text.AsSpan(); !rest.IsEmpty;)
        {
            var end = rest.IndexOfAny('\r', '\n');
            var line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? [] : rest[(end + (rest[end] == '\r' && end + 1 < rest.Length && rest[end + 1] == '\n' ? 2 : 1))..];
            if (total >= MaxFields)
            {
                break;
            }

            if (line.IsWhiteSpace())
            {
                EndGroup();
                continue;
            }

            if (line[0] is ' ' or '\t')
            {
                // RFC 5322 §2.2.3: a folded line continues the previous field body.
                if (name is not null)
                {
                    value.Append(' ').Append(line.Trim());
                }

                continue;
            }

            var colon = line.IndexOf(':');
            if (colon <= 0 || line[..colon].ContainsAny(' ', '\t') && !IsSpaceBeforeColon(line, colon))
            {
                // Not a field: prose some MTAs put inside the status part. Skip it.
                EndField();
                continue;
            }

            EndField();
            name = line[..colon].TrimEnd().ToString();
            value.Append(line[(colon + 1)..].Trim());
        }

        EndGroup();
        return groups;
    }

    /// <summary>Splits on CRLF, LF or CR alone.</summary>
    public static IEnumerable<string> SplitLines(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\r' or '\n')
            {
                yield return text[start..i];
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            yield return text[start..];
        }
    }

    // "Final-Recipient : rfc822; x" (space before the colon) is obsolete syntax (RFC 5322 §4.5)
    // still seen in the wild; accept it when the name itself has no inner space.
    private static bool IsSpaceBeforeColon(ReadOnlySpan<char> line, int colon) =>
        !line[..colon].TrimEnd().ContainsAny(' ', '\t');
}
