namespace Kakunin.Store;

/// <summary>The folders every user gets when created.</summary>
public static class MailFolders
{
    public const string Inbox = "Inbox";
    public const string Sent = "Sent";
    public const string Drafts = "Drafts";
    public const string Trash = "Trash";
    public const string Junk = "Junk";

    /// <summary>Where DSNs and MDNs are filed when "process receipts on arrival" is on.</summary>
    public const string Receipts = "Receipts";

    public static IReadOnlyList<string> Defaults { get; } = [Inbox, Sent, Drafts, Trash, Junk, Receipts];
}
