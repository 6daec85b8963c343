using System.Text;

namespace Kakunin.Reports.Mdn;

/// <summary>Small text helpers for header-like fields: comments, folding, line ends.</summary>
internal static class FieldText
{
    /// <summary>Removes RFC 5322 comments (nested, with quoted-pairs) outside quoted strings.</summary>
    public static string StripComments(string value)
    {
        var sb = new StringBuilder(value.Length);
        var depth = 0;
        var quoted = false;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\\' && i + 1 < value.Length && (depth > 0 || quoted))
            {
                if (depth == 0)
                {
                    sb.Append(c).Append(value[i + 1]);
                }

                i++;
                continue;
            }

            if (depth == 0 && c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c == '(')
            {
                depth++;
                continue;
            }
            else if (!quoted && c == ')' && depth > 0)
            {
                depth--;
                continue;
            }

            if (depth == 0)
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    /// <summary>True when the value holds a character that may not appear in a header line.</summary>
    public static bool HasLineBreakOrNul(string value) =>
        value.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0;
}
