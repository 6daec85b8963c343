using Kakunin.Reports.Fields;

namespace Kakunin.Reports.Dsn;

/// <summary>
/// The machine-readable part of a delivery status notification: the per-message fields
/// (RFC 3464 §2.2) and one <see cref="DsnRecipient"/> per recipient (§2.3).
/// Fields this model does not name are kept in <see cref="ExtensionFields"/>, in order.
/// </summary>
public sealed record DeliveryStatusReport
{
    /// <summary>Reporting-MTA, required (§2.2.2).</summary>
    public required MtaName ReportingMta { get; init; }

    /// <summary>Original-Envelope-Id (§2.2.1): the ENVID given with MAIL, decoded from xtext.</summary>
    public string? OriginalEnvelopeId { get; init; }

    /// <summary>DSN-Gateway (§2.2.3), when the report was translated from another mail system.</summary>
    public MtaName? DsnGateway { get; init; }

    /// <summary>Received-From-MTA (§2.2.4): the MTA the reporting MTA got the message from.</summary>
    public MtaName? ReceivedFromMta { get; init; }

    /// <summary>Arrival-Date (§2.2.5).</summary>
    public DateTimeOffset? ArrivalDate { get; init; }

    public IReadOnlyList<DsnRecipient> Recipients { get; init; } = [];

    /// <summary>Per-message fields not defined by RFC 3464 (e.g. X-Postfix-Queue-ID), in order.</summary>
    public IReadOnlyList<ReportField> ExtensionFields { get; init; } = [];

    /// <summary>True when any address or field needs UTF-8, so the RFC 6533 global types apply.</summary>
    public bool NeedsUtf8 =>
        !IsAscii(OriginalEnvelopeId) || ExtensionFields.Any(f => !IsAscii(f.Value)) || Recipients.Any(r => r.NeedsUtf8);

    internal static bool IsAscii(string? s) => s is null || System.Text.Ascii.IsValid(s);

    public bool Equals(DeliveryStatusReport? other) =>
        other is not null
        && ReportingMta == other.ReportingMta
        && OriginalEnvelopeId == other.OriginalEnvelopeId
        && DsnGateway == other.DsnGateway
        && ReceivedFromMta == other.ReceivedFromMta
        && ArrivalDate == other.ArrivalDate
        && Recipients.SequenceEqual(other.Recipients)
        && ExtensionFields.SequenceEqual(other.ExtensionFields);

    public override int GetHashCode() => HashCode.Combine(ReportingMta, OriginalEnvelopeId, Recipients.Count);
}
