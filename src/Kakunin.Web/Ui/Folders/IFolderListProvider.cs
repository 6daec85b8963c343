namespace Kakunin.Web.Ui.Folders;

/// <summary>
/// The folders shown in the sidebar of every signed-in page, in display order. The mail pages replace the
/// default (<see cref="UncountedFolderListProvider"/>) with one that reads the store's unread counts:
/// <c>services.AddSingleton&lt;IFolderListProvider, StoreFolderListProvider&gt;()</c> after
/// <c>AddKakuninWebmail</c> (the last registration wins). Called once per page; keep it to one query.
/// </summary>
public interface IFolderListProvider
{
    Task<IReadOnlyList<FolderSummary>> ListAsync(string userAddress, CancellationToken cancellationToken);
}
