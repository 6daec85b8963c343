namespace Kakunin.Reports.Receipts;

/// <summary>The kind of folder the message is in when it is opened or deleted.</summary>
public enum FolderKind
{
    /// <summary>The Inbox.</summary>
    Inbox,

    /// <summary>Sent mail: the user's own messages; never prompt.</summary>
    Sent,

    /// <summary>Drafts: the user's own messages; never prompt.</summary>
    Drafts,

    /// <summary>Any other folder.</summary>
    Other,
}
