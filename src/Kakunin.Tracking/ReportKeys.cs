namespace Kakunin.Tracking;

/// <summary>What ties a report to the message that was sent. Message-IDs are without angle brackets.</summary>
public sealed record ReportKeys
{
    /// <summary>Original-Envelope-Id (RFC 3464 §2.2.1): the ENVID given with MAIL FROM (RFC 3461 §4.4).</summary>
    public string? EnvelopeId { get; init; }

    /// <summary>Original-Message-ID of an MDN (RFC 8098 §3.2.5).</summary>
    public string? OriginalMessageId { get; init; }

    /// <summary>The Message-ID of the returned message or header section (RFC 6522 third part), or of a copy in the text.</summary>
    public string? EnclosedMessageId { get; init; }

    /// <summary>The report's own In-Reply-To (a DSN or MDN threaded under the original, RFC 5322 §3.6.4).</summary>
    public string? InReplyTo { get; init; }

    /// <summary>The report's own References.</summary>
    public IReadOnlyList<string> References { get; init; } = [];

    /// <summary>The Message-ID keys, most specific first: Original-Message-ID, enclosed, In-Reply-To, References (nearest first).</summary>
    public IReadOnlyList<string> MessageIds() =>
        new[] { OriginalMessageId, EnclosedMessageId, InReplyTo }
            .Concat(References.Reverse())
            .OfType<string>()
            .Where(id => id.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .Take(MaxMessageIds)
            .ToList();

    /// <summary>Bound on the keys looked up for one report (a long References chain is not all tried).</summary>
    public const int MaxMessageIds = 12;
}
