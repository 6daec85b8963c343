namespace Kakunin.Reports.Dsn;

/// <summary>The wire names of <see cref="DsnAction"/>, and the misspellings real MTAs use.</summary>
public static class DsnActions
{
    /// <summary>The name as RFC 3464 §2.3.3 writes it.</summary>
    public static string ToWire(this DsnAction action) => action switch
    {
        DsnAction.Failed => "failed",
        DsnAction.Delayed => "delayed",
        DsnAction.Delivered => "delivered",
        DsnAction.Relayed => "relayed",
        DsnAction.Expanded => "expanded",
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    /// <summary>
    /// Reads an Action value; case-insensitive (RFC 3464 §2.3.3 names are case-insensitive tokens),
    /// ignores a trailing comment, and accepts the variants seen from real MTAs
    /// ("failure", "deferred", "delivery").
    /// </summary>
    public static DsnAction? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var token = value.Trim();
        var end = token.IndexOfAny([' ', '\t', '(', ';']);
        if (end > 0)
        {
            token = token[..end];
        }

        return token.ToLowerInvariant() switch
        {
            "failed" or "failure" or "fail" => DsnAction.Failed,
            "delayed" or "deferred" or "delay" => DsnAction.Delayed,
            "delivered" or "delivery" or "deliverable" => DsnAction.Delivered,
            "relayed" => DsnAction.Relayed,
            "expanded" => DsnAction.Expanded,
            _ => null,
        };
    }
}
