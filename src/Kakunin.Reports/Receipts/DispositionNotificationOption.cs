namespace Kakunin.Reports.Receipts;

/// <summary>
/// One parameter of the Disposition-Notification-Options header field (RFC 8098 §2.2):
/// <c>attribute=importance, value[, value…]</c>.
/// </summary>
/// <param name="Attribute">The attribute name as written.</param>
/// <param name="Importance">Required or optional. A parameter that cannot be read is treated as required.</param>
/// <param name="Values">The values, unquoted.</param>
/// <param name="IsUnderstood">Whether Kakunin interprets this attribute.</param>
/// <param name="IsMalformed">True when the text did not follow the §2.2 syntax.</param>
public sealed record DispositionNotificationOption(
    string Attribute,
    OptionImportance Importance,
    IReadOnlyList<string> Values,
    bool IsUnderstood,
    bool IsMalformed = false)
{
    /// <summary>True for a required parameter Kakunin does not understand: no MDN may be generated for it.</summary>
    public bool BlocksReceipt => Importance == OptionImportance.Required && !IsUnderstood;

    /// <inheritdoc />
    public bool Equals(DispositionNotificationOption? other) =>
        other is not null
        && string.Equals(Attribute, other.Attribute, StringComparison.Ordinal)
        && Importance == other.Importance
        && Values.SequenceEqual(other.Values, StringComparer.Ordinal)
        && IsUnderstood == other.IsUnderstood
        && IsMalformed == other.IsMalformed;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Attribute, Importance, Values.Count, IsUnderstood, IsMalformed);
}
