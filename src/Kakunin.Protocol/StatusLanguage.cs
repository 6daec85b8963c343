namespace Kakunin.Protocol;

internal static class StatusLanguage
{
    /// <summary>"ja", "ja-JP", "JA" … are Japanese; every other tag falls back to English.</summary>
    public static bool IsJapanese(string? language) =>
        language is not null
        && language.StartsWith("ja", StringComparison.OrdinalIgnoreCase)
        && (language.Length == 2 || language[2] is '-' or '_');
}
