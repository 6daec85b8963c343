using Kakunin.Store;

namespace Kakunin.Web.Ui.Folders;

/// <summary>
/// The user's folders with their unread counts, read from the store in one query
/// (<see cref="MailboxRepository.GetFolderCountsAsync"/>, the default folders first in their order).
/// </summary>
public sealed class StoreFolderListProvider(KakuninStore store) : IFolderListProvider
{
    public async Task<IReadOnlyList<FolderSummary>> ListAsync(string userAddress, CancellationToken cancellationToken)
    {
        var counts = await store.Mailboxes.GetFolderCountsAsync(userAddress, cancellationToken);
        return [.. counts.Select(c => new FolderSummary(c.Name, (int)Math.Min(c.Unread, int.MaxValue)))];
    }
}
