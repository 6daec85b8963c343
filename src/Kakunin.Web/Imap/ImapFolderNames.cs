using Kakunin.Imap.Backend;
using Kakunin.Store;
using Kakunin.Store.Imap;

namespace Kakunin.Web.Imap;

/// <summary>
/// IMAP folder names ↔ the store's: "INBOX" (any case, RFC 9051 §5.1) and its children "INBOX/x" are the store's
/// "Inbox" and "Inbox/x"; every other name is the same text ("/" is the delimiter in both). The default folders
/// Sent, Drafts, Trash and Junk carry their RFC 6154 special use; Receipts is listed plainly.
/// </summary>
public static class ImapFolderNames
{
    private const string Inbox = "INBOX";

    /// <summary>The store's name for an IMAP name.</summary>
    public static string ToStore(string imapName)
    {
        ArgumentNullException.ThrowIfNull(imapName);
        if (imapName.Equals(Inbox, StringComparison.OrdinalIgnoreCase))
        {
            return MailFolders.Inbox;
        }

        return imapName.Length > Inbox.Length && imapName.StartsWith(Inbox + ImapMailRepository.Delimiter, StringComparison.OrdinalIgnoreCase)
            ? MailFolders.Inbox + imapName[Inbox.Length..]
            : imapName;
    }

    /// <summary>The IMAP name for a store name.</summary>
    public static string ToImap(string storeName)
    {
        ArgumentNullException.ThrowIfNull(storeName);
        if (storeName == MailFolders.Inbox)
        {
            return Inbox;
        }

        return storeName.StartsWith(MailFolders.Inbox + ImapMailRepository.Delimiter, StringComparison.Ordinal)
            ? Inbox + storeName[MailFolders.Inbox.Length..]
            : storeName;
    }

    /// <summary>RFC 6154 special use of a store folder.</summary>
    public static ImapSpecialUse SpecialUseOf(string storeName) => storeName switch
    {
        MailFolders.Sent => ImapSpecialUse.Sent,
        MailFolders.Drafts => ImapSpecialUse.Drafts,
        MailFolders.Trash => ImapSpecialUse.Trash,
        MailFolders.Junk => ImapSpecialUse.Junk,
        _ => ImapSpecialUse.None,
    };

    public static ImapFolderOutcome ToOutcome(FolderChangeResult result) => result switch
    {
        FolderChangeResult.Done => ImapFolderOutcome.Done,
        FolderChangeResult.NoSuchFolder => ImapFolderOutcome.NoSuchFolder,
        FolderChangeResult.AlreadyExists => ImapFolderOutcome.AlreadyExists,
        _ => ImapFolderOutcome.NotAllowed,
    };
}
