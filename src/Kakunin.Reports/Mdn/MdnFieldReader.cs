namespace Kakunin.Reports.Mdn;

/// <summary>
/// Reads header-like fields leniently: CRLF, CR or LF line ends, folded lines, blank lines
/// anywhere (missing or extra), lines without a colon skipped.
/// </summary>
internal static class MdnFieldReader
{
    /// <summary>Limits keep a hostile report from costing much (RFC 6533 §7: parsers of hostile input).</summary>
    private const int MaxFields = 1000;

    public static List<KeyValuePair<string, string>> Read(string text)
    {
        var fields = new List<KeyValuePair<string, string>>();
        string? name = null;
        var value = new System.Text.StringBuilder();
        foreach (var line in Fields.ReportFieldReader.SplitLines(text))
        {
            if (line.Length > 0 && (line[0] == ' ' || line[0] == '\t'))
            {
                // RFC 8098 §3.1.1: continuation lines begin with SPACE or HTAB.
                if (name is not null)
                {
                    value.Append(' ').Append(line.Trim());
                }

                continue;
            }

            Flush(fields, name, value);
            name = null;
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || fields.Count >= MaxFields)
            {
                continue;
            }

            name = line[..colon].Trim();
            if (name.Length == 0 || name.Contains(' ', StringComparison.Ordinal))
            {
                name = null;
                continue;
            }

            value.Append(line[(colon + 1)..].Trim());
        }

        Flush(fields, name, value);
        return fields;
    }

    private static void Flush(List<KeyValuePair<string, string>> fields, string? name, System.Text.StringBuilder value)
    {
        if (name is not null)
        {
            fields.Add(new(name, value.ToString().Trim()));
        }

        value.Clear();
    }
}
