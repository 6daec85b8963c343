using System.Globalization;

namespace Kakunin.Web.Ui.Tracking;

/// <summary>What proves a tracked state, as the store records it (docs/tracking.md, Evidence).</summary>
public enum EvidenceKind
{
    None,

    /// <summary>"message:&lt;id&gt;": a report (DSN or MDN) in the sender's own mailbox; the page links to it.</summary>
    Message,

    /// <summary>"dsn:&lt;queue id&gt;": a DSN this server composed and queued, not (yet) in the mailbox.</summary>
    OwnDsn,

    /// <summary>Any other text: the name of the remote server that answered (RFC 3464 Remote-MTA).</summary>
    RemoteServer,
}

/// <summary>One evidence text, read.</summary>
public readonly record struct TrackingEvidence(EvidenceKind Kind, long MessageId = 0, string? Text = null)
{
    public const string MessagePrefix = "message:";
    public const string DsnPrefix = "dsn:";

    public static TrackingEvidence Parse(string? evidence)
    {
        if (string.IsNullOrWhiteSpace(evidence))
        {
            return new(EvidenceKind.None);
        }

        if (evidence.StartsWith(MessagePrefix, StringComparison.Ordinal)
            && long.TryParse(evidence.AsSpan(MessagePrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return new(EvidenceKind.Message, id);
        }

        return evidence.StartsWith(DsnPrefix, StringComparison.Ordinal)
            ? new(EvidenceKind.OwnDsn, Text: evidence[DsnPrefix.Length..])
            : new(EvidenceKind.RemoteServer, Text: evidence.Trim());
    }
}
