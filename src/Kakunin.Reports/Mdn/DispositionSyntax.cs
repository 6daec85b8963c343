namespace Kakunin.Reports.Mdn;

/// <summary>Reading and writing the tokens of the Disposition field (RFC 8098 §3.2.6).</summary>
internal static class DispositionSyntax
{
    public static string Format(ActionMode mode) =>
        mode == ActionMode.AutomaticAction ? "automatic-action" : "manual-action";

    public static string Format(SendingMode mode) =>
        mode == SendingMode.SentAutomatically ? "MDN-sent-automatically" : "MDN-sent-manually";

    public static string Format(DispositionType type) => type switch
    {
        DispositionType.Deleted => "deleted",
        DispositionType.Dispatched => "dispatched",
        DispositionType.Processed => "processed",
        DispositionType.Denied => "denied",
        _ => "displayed",
    };

    public static Disposition? TryParse(string? value)
    {
        if (value is null)
        {
            return null;
        }

        // RFC 8098 §7: OWS is [CFWS]; parsers must accept comments anywhere.
        var text = FieldText.StripComments(value);
        var semi = text.IndexOf(';', StringComparison.Ordinal);
        if (semi < 0)
        {
            return null;
        }

        var mode = text[..semi].Split('/', StringSplitOptions.TrimEntries);
        if (mode.Length != 2 || !TryAction(mode[0], out var action) || !TrySending(mode[1], out var sending))
        {
            return null;
        }

        var rest = text[(semi + 1)..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var typeText = (slash < 0 ? rest : rest[..slash]).Trim();
        if (!TryType(typeText, out var type))
        {
            return null;
        }

        string[] modifiers = slash < 0
            ? []
            : rest[(slash + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return new Disposition(action, sending, type, modifiers);
    }

    private static bool TryAction(string s, out ActionMode mode)
    {
        mode = ActionMode.ManualAction;
        if (Is(s, "manual-action"))
        {
            return true;
        }

        mode = ActionMode.AutomaticAction;
        return Is(s, "automatic-action");
    }

    private static bool TrySending(string s, out SendingMode mode)
    {
        mode = SendingMode.SentManually;
        if (Is(s, "MDN-sent-manually"))
        {
            return true;
        }

        mode = SendingMode.SentAutomatically;
        return Is(s, "MDN-sent-automatically");
    }

    private static bool TryType(string s, out DispositionType type)
    {
        foreach (var candidate in Enum.GetValues<DispositionType>())
        {
            if (Is(s, Format(candidate)))
            {
                type = candidate;
                return true;
            }
        }

        type = DispositionType.Displayed;
        return false;
    }

    // RFC 8098 §3.2.6: any combination of upper and lower case.
    private static bool Is(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
