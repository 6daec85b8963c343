namespace Kakunin.Reports.Mdn;

/// <summary>
/// The content of a message/disposition-notification (or message/global-disposition-notification)
/// body part (RFC 8098 §3.1, §3.2; RFC 6533 §5).
/// </summary>
/// <param name="FinalRecipient">Final-Recipient (required, §3.2.4): the recipient the MDN is issued for.</param>
/// <param name="Disposition">Disposition (required, §3.2.6).</param>
/// <param name="ReportingUa">Reporting-UA (§3.2.1), optional.</param>
/// <param name="MdnGateway">MDN-Gateway (§3.2.2): only for MDNs translated by a gateway.</param>
/// <param name="OriginalRecipient">
/// Original-Recipient (§3.2.3): only ever copied from the Original-Recipient header field of the
/// original message, never derived from To.
/// </param>
/// <param name="OriginalMessageId">Original-Message-ID (§3.2.5) including the angle brackets; present iff the original had a Message-ID.</param>
/// <param name="Errors">Error fields (§3.2.7), in order; used with the "error" modifier.</param>
/// <param name="Extensions">Any other fields (§3.3), in order.</param>
public sealed record DispositionNotification(
    MdnAddress FinalRecipient,
    Disposition Disposition,
    ReportingUa? ReportingUa = null,
    MdnGateway? MdnGateway = null,
    MdnAddress? OriginalRecipient = null,
    string? OriginalMessageId = null,
    IReadOnlyList<string>? Errors = null,
    IReadOnlyList<MdnExtensionField>? Extensions = null)
{
    /// <summary>Error fields, never null.</summary>
    public IReadOnlyList<string> Errors { get; init; } = Errors ?? [];

    /// <summary>Extension fields, never null.</summary>
    public IReadOnlyList<MdnExtensionField> Extensions { get; init; } = Extensions ?? [];

    /// <summary>
    /// True when any field needs characters outside US-ASCII, so the body part must be
    /// message/global-disposition-notification (RFC 6533 §5; RFC 8098 §3.1 is 7bit only).
    /// </summary>
    public bool NeedsGlobal => !MdnFieldWriter.Write(this).All(char.IsAscii);

    /// <inheritdoc />
    public bool Equals(DispositionNotification? other) =>
        other is not null
        && FinalRecipient == other.FinalRecipient
        && Disposition == other.Disposition
        && ReportingUa == other.ReportingUa
        && MdnGateway == other.MdnGateway
        && OriginalRecipient == other.OriginalRecipient
        && string.Equals(OriginalMessageId, other.OriginalMessageId, StringComparison.Ordinal)
        && Errors.SequenceEqual(other.Errors, StringComparer.Ordinal)
        && Extensions.SequenceEqual(other.Extensions);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(FinalRecipient, Disposition, OriginalMessageId);
}
