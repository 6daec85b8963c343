using Microsoft.AspNetCore.Mvc;

namespace Kakunin.Web.Ui.Folders;

/// <summary>
/// The sidebar's folder list (Pages/Shared/Components/FolderList/Default.cshtml). The layout passes the
/// folder being shown, which gets <c>aria-current="page"</c>.
/// </summary>
public sealed class FolderListViewComponent(IFolderListProvider provider) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(string? currentFolder)
    {
        var address = HttpContext.User.Address();
        var folders = address is null ? [] : await provider.ListAsync(address, HttpContext.RequestAborted);
        return View(new FolderListModel(folders, currentFolder));
    }
}

/// <summary>What the folder list view renders.</summary>
public sealed record FolderListModel(IReadOnlyList<FolderSummary> Folders, string? CurrentFolder);
