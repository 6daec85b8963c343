namespace Kakunin.Store.Mail;

/// <summary>Builds a LIKE pattern that matches a user's text literally (with <c>ESCAPE '\'</c>).</summary>
internal static class LikePattern
{
    public static string Contains(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var escaped = text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);
        return "%" + escaped + "%";
    }
}
