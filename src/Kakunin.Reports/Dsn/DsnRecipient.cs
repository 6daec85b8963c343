using Kakunin.Protocol;
using Kakunin.Reports.Fields;

namespace Kakunin.Reports.Dsn;

/// <summary>One per-recipient block of a DSN (RFC 3464 §2.3).</summary>
public sealed record DsnRecipient
{
    /// <summary>Final-Recipient, required (§2.3.2): the address the reporting MTA tried.</summary>
    public required TypedAddress FinalRecipient { get; init; }

    /// <summary>Action, required (§2.3.3).</summary>
    public required DsnAction Action { get; init; }

    /// <summary>
    /// Status, required by §2.3.4. Null only when a parsed report had none or an unreadable one;
    /// composing requires it.
    /// </summary>
    public EnhancedStatusCode? Status { get; init; }

    /// <summary>Original-Recipient (§2.3.1): the ORCPT given with RCPT, only when one was given.</summary>
    public TypedAddress? OriginalRecipient { get; init; }

    /// <summary>Remote-MTA (§2.3.5): the MTA that gave the diagnostic.</summary>
    public MtaName? RemoteMta { get; init; }

    /// <summary>Diagnostic-Code (§2.3.6): the remote server's own words.</summary>
    public DiagnosticCode? DiagnosticCode { get; init; }

    /// <summary>Last-Attempt-Date (§2.3.7).</summary>
    public DateTimeOffset? LastAttemptDate { get; init; }

    /// <summary>Final-Log-ID (§2.3.8): the final MTA's id for the message, for its logs.</summary>
    public string? FinalLogId { get; init; }

    /// <summary>Will-Retry-Until (§2.3.9): for <see cref="DsnAction.Delayed"/>, when the MTA gives up.</summary>
    public DateTimeOffset? WillRetryUntil { get; init; }

    /// <summary>Per-recipient fields not defined by RFC 3464 (e.g. X-Display-Name), in order.</summary>
    public IReadOnlyList<ReportField> ExtensionFields { get; init; } = [];

    public bool NeedsUtf8 =>
        !DeliveryStatusReport.IsAscii(FinalRecipient.Address)
        || !DeliveryStatusReport.IsAscii(OriginalRecipient?.Address)
        || !DeliveryStatusReport.IsAscii(DiagnosticCode?.Text)
        || ExtensionFields.Any(f => !DeliveryStatusReport.IsAscii(f.Value));

    public bool Equals(DsnRecipient? other) =>
        other is not null
        && FinalRecipient == other.FinalRecipient
        && Action == other.Action
        && Status == other.Status
        && OriginalRecipient == other.OriginalRecipient
        && RemoteMta == other.RemoteMta
        && DiagnosticCode == other.DiagnosticCode
        && LastAttemptDate == other.LastAttemptDate
        && FinalLogId == other.FinalLogId
        && WillRetryUntil == other.WillRetryUntil
        && ExtensionFields.SequenceEqual(other.ExtensionFields);

    public override int GetHashCode() => HashCode.Combine(FinalRecipient, Action, Status);
}
