using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Kakunin.Protocol;

/// <summary>
/// An enhanced mail system status code, <c>class.subject.detail</c> (RFC 3463 §2).
/// Class is 2, 4 or 5; subject is 0–999 and detail 0–999 (at most three digits each).
/// </summary>
public readonly record struct EnhancedStatusCode(int Class, int Subject, int Detail)
{
    /// <summary>True for class 2 (success).</summary>
    public bool IsSuccess => Class == 2;

    /// <summary>True for class 4 (persistent transient failure).</summary>
    public bool IsTransient => Class == 4;

    /// <summary>True for class 5 (permanent failure).</summary>
    public bool IsPermanent => Class == 5;

    /// <summary>The same subject and detail with another class, e.g. 5.1.1 → 4.1.1.</summary>
    public EnhancedStatusCode WithClass(int @class) => this with { Class = @class };

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Class}.{Subject}.{Detail}");

    /// <summary>
    /// Parses exactly <c>class "." subject "." detail</c> (RFC 3463 §2: class 2/4/5, subject and
    /// detail 1–3 digits). Surrounding whitespace is not accepted.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, [NotNullWhen(true)] out EnhancedStatusCode? code)
    {
        code = null;
        if (text.Length < 5 || text.Length > 9)
        {
            return false;
        }

        if (text[0] is not ('2' or '4' or '5') || text[1] != '.')
        {
            return false;
        }

        var rest = text[2..];
        var dot = rest.IndexOf('.');
        if (dot is < 1 or > 3)
        {
            return false;
        }

        var subjectText = rest[..dot];
        var detailText = rest[(dot + 1)..];
        if (detailText.Length is < 1 or > 3 || !AllDigits(subjectText) || !AllDigits(detailText))
        {
            return false;
        }

        code = new EnhancedStatusCode(
            text[0] - '0',
            int.Parse(subjectText, NumberStyles.None, CultureInfo.InvariantCulture),
            int.Parse(detailText, NumberStyles.None, CultureInfo.InvariantCulture));
        return true;
    }

    /// <summary>Parses a code or throws <see cref="FormatException"/>.</summary>
    public static EnhancedStatusCode Parse(string text) =>
        TryParse(text, out var code) ? code.Value : throw new FormatException($"Not an enhanced status code: '{text}'.");

    private static bool AllDigits(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }
}
