using Kakunin.Store;

namespace Kakunin.Web.Ui.Folders;

/// <summary>
/// The standard folders (<see cref="MailFolders.Defaults"/>) with every unread count at zero: it does not read
/// the store, so it never shows a badge. The shell's default until the mail pages bring a counting provider.
/// </summary>
public sealed class UncountedFolderListProvider : IFolderListProvider
{
    private static readonly IReadOnlyList<FolderSummary> Folders = [.. MailFolders.Defaults.Select(name => new FolderSummary(name, 0))];

    public Task<IReadOnlyList<FolderSummary>> ListAsync(string userAddress, CancellationToken cancellationToken) =>
        Task.FromResult(Folders);
}
