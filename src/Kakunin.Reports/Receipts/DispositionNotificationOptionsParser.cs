namespace Kakunin.Reports.Receipts;

/// <summary>Reads the Disposition-Notification-Options header field (RFC 8098 §2.2).</summary>
internal static class DispositionNotificationOptionsParser
{
    private const int MaxParameters = 64;

    public static List<DispositionNotificationOption> Parse(string value, IReadOnlySet<string> understood)
    {
        var result = new List<DispositionNotificationOption>();
        foreach (var raw in SplitOutsideQuotes(value, ';'))
        {
            if (result.Count >= MaxParameters)
            {
                break;
            }

            var text = raw.Trim();
            if (text.Length == 0)
            {
                continue;
            }

            result.Add(ParseParameter(text, understood));
        }

        return result;
    }

    // disposition-notification-parameter = attribute [FWS] "=" [FWS] importance [FWS] "," [FWS] value *([FWS] "," [FWS] value)
    private static DispositionNotificationOption ParseParameter(string text, IReadOnlySet<string> understood)
    {
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        var attribute = (eq < 0 ? text : text[..eq]).Trim();
        var isUnderstood = understood.Contains(attribute);
        if (eq <= 0 || !IsAtom(attribute))
        {
            // Unreadable: we cannot know whether it was required, so assume it was.
            return new DispositionNotificationOption(attribute, OptionImportance.Required, [], isUnderstood, IsMalformed: true);
        }

        var parts = SplitOutsideQuotes(text[(eq + 1)..], ',').Select(p => p.Trim()).ToList();
        var importance = parts[0];
        var values = parts.Skip(1).Select(Unquote).ToList();
        var isRequired = string.Equals(importance, "required", StringComparison.OrdinalIgnoreCase);
        var isOptional = string.Equals(importance, "optional", StringComparison.OrdinalIgnoreCase);
        var malformed = (!isRequired && !isOptional) || values.Count == 0 || values.Any(v => v.Length == 0);
        return new DispositionNotificationOption(
            attribute,
            isOptional ? OptionImportance.Optional : OptionImportance.Required,
            values,
            isUnderstood,
            malformed);
    }

    private static bool IsAtom(string s) =>
        s.Length > 0 && s.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-/=?^_`{|}~".Contains(c, StringComparison.Ordinal));

    private static string Unquote(string s) =>
        s.Length >= 2 && s[0] == '"' && s[^1] == '"' ? s[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal) : s;

    private static List<string> SplitOutsideQuotes(string value, char separator)
    {
        var parts = new List<string>();
        var quoted = false;
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && quoted)
            {
                i++;
            }
            else if (value[i] == '"')
            {
                quoted = !quoted;
            }
            else if (value[i] == separator && !quoted)
            {
                parts.Add(value[start..i]);
                start = i + 1;
            }
        }

        parts.Add(value[Math.Min(start, value.Length)..]);
        return parts;
    }
}
