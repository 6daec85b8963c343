namespace Kakunin.Protocol;

internal static class HexDigits
{
    public const string Upper = "0123456789ABCDEF";

    /// <summary>0–9 and A–F only.</summary>
    public static bool TryUpper(char c, out int value)
    {
        value = c switch
        {
            >= '0' and <= '9' => c - '0',
            >= 'A' and <= 'F' => c - 'A' + 10,
            _ => -1,
        };
        return value >= 0;
    }

    /// <summary>0–9, A–F and a–f (ABNF quoted strings are case-insensitive, RFC 5234 §2.3).</summary>
    public static bool TryAnyCase(char c, out int value)
    {
        if (c is >= 'a' and <= 'f')
        {
            value = c - 'a' + 10;
            return true;
        }

        return TryUpper(c, out value);
    }
}
