using Kakunin.Store;
using Kakunin.Web.Ui.Language;
using Kakunin.Web.Ui.Receipts;
using Microsoft.AspNetCore.Mvc;

namespace Kakunin.Web.Mail;

/// <summary>
/// "Delete", from the list or from the message page: to Trash, or from Trash to the "delete forever?" step. A
/// message that was never opened first goes through the deleted-unread hook, which may send a "deleted"
/// notification to a requester when the reader's settings allow it without asking (RFC 8098 §3.2.6.2; the hook
/// decides on the unread state, so it runs before the move).
/// </summary>
internal static class TrashAction
{
    public static async Task<IActionResult> DeleteAsync(
        KakuninStore store, ReadReceipts receipts, string address, long id, UiLanguage language, CancellationToken cancellationToken)
    {
        var stored = await store.Mailboxes.GetAsync(address, id, cancellationToken);
        if (stored is null)
        {
            return new NotFoundResult();
        }

        if (stored.Folder == MailFolders.Trash)
        {
            return new RedirectResult(MailUrls.Message(stored.Folder, id) + "?confirm=delete");
        }

        if (!stored.HasFlag(MessageFlags.Seen))
        {
            await receipts.OnDeleteUnreadAsync(address, id, language, cancellationToken);
        }

        await store.Mailboxes.MoveAsync(address, id, MailFolders.Trash, cancellationToken);
        return new RedirectResult(MailUrls.Folder(stored.Folder) + "?notice=" + Notice.MovedToTrash);
    }
}
