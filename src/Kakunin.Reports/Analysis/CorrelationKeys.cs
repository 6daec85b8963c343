namespace Kakunin.Reports.Analysis;

/// <summary>
/// What a report carries that ties it back to the message that was sent: the ENVID (RFC 3461 §4.4),
/// the original Message-ID (from the DSN/MDN fields, the returned headers or message, or a
/// Message-ID line in the prose), the ORCPTs, and the report's own In-Reply-To / References.
/// </summary>
public sealed record CorrelationKeys
{
    /// <summary>Original-Envelope-Id (RFC 3464 §2.2.1), when the report has one.</summary>
    public string? OriginalEnvelopeId { get; init; }

    /// <summary>The Message-ID of the original message, without angle brackets.</summary>
    public string? OriginalMessageId { get; init; }

    /// <summary>Original-Recipient values (ORCPT), in report order.</summary>
    public IReadOnlyList<string> OriginalRecipients { get; init; } = [];

    /// <summary>The report's own In-Reply-To, without angle brackets.</summary>
    public string? InReplyTo { get; init; }

    /// <summary>The report's own References, without angle brackets.</summary>
    public IReadOnlyList<string> References { get; init; } = [];

    public static CorrelationKeys Empty { get; } = new();
}
