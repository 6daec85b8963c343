namespace Kakunin.Reports.Mdn;

/// <summary>
/// The Disposition field (RFC 8098 §3.2.6):
/// <c>action-mode/sending-mode; type[/modifier, modifier…]</c>.
/// </summary>
/// <remarks>
/// RFC 8098 defines one modifier, "error" (with Error fields, §3.2.7); others are
/// registered extensions and are kept as written. The "warning", "superseded", "expired"
/// and "mailbox-terminated" modifiers of RFC 2298 no longer exist (RFC 3798, erratum 692).
/// </remarks>
public sealed record Disposition(
    ActionMode ActionMode,
    SendingMode SendingMode,
    DispositionType Type,
    IReadOnlyList<string> Modifiers)
{
    /// <summary>The only modifier RFC 8098 itself defines (§3.2.6).</summary>
    public const string ErrorModifier = "error";

    /// <summary>A disposition without modifiers.</summary>
    public Disposition(ActionMode actionMode, SendingMode sendingMode, DispositionType type)
        : this(actionMode, sendingMode, type, [])
    {
    }

    /// <summary>
    /// The user clicked "send": manual-action/MDN-sent-manually (RFC 8098 §3.2.6.1).
    /// </summary>
    public static Disposition SentByUser(DispositionType type) =>
        new(ActionMode.ManualAction, SendingMode.SentManually, type);

    /// <summary>
    /// The user's preset policy sent it: still manual-action (the user configured it), but
    /// MDN-sent-automatically (RFC 8098 §3.2.6.1, "manually configured her MUA").
    /// </summary>
    public static Disposition SentByPolicy(DispositionType type) =>
        new(ActionMode.ManualAction, SendingMode.SentAutomatically, type);

    /// <summary>
    /// Processing that happened without the user (a rule, an expiry): automatic-action and
    /// MDN-sent-automatically (RFC 8098 §4 timeline).
    /// </summary>
    public static Disposition Automatic(DispositionType type) =>
        new(ActionMode.AutomaticAction, SendingMode.SentAutomatically, type);

    /// <summary>True when the "error" modifier is present.</summary>
    public bool HasError => Modifiers.Any(m => string.Equals(m, ErrorModifier, StringComparison.OrdinalIgnoreCase));

    /// <summary>The field value as Kakunin writes it (RFC 8098 §3.2.6 ABNF, OWS as one space after ';').</summary>
    public override string ToString()
    {
        var text = DispositionSyntax.Format(ActionMode) + "/" + DispositionSyntax.Format(SendingMode) + "; "
            + DispositionSyntax.Format(Type);
        return Modifiers.Count == 0 ? text : text + "/" + string.Join(",", Modifiers);
    }

    /// <summary>Parses a Disposition value (case-insensitive, comments and any whitespace allowed).</summary>
    public static Disposition? TryParse(string? value) => DispositionSyntax.TryParse(value);

    /// <inheritdoc />
    public bool Equals(Disposition? other) =>
        other is not null
        && ActionMode == other.ActionMode
        && SendingMode == other.SendingMode
        && Type == other.Type
        && Modifiers.SequenceEqual(other.Modifiers, StringComparer.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(ActionMode, SendingMode, Type, Modifiers.Count);
}
