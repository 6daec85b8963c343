using Kakunin.Web.Ui;
using Kakunin.Web.Ui.Folders;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kakunin.Web.Pages.Mail;

/// <summary>
/// One folder. For now only its title: the shell's placeholder, which the message list replaces. Folders the
/// folder list does not know are 404.
/// </summary>
public sealed class FolderModel(IFolderListProvider folders) : PageModel
{
    public string Folder { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync(string folder, CancellationToken cancellationToken)
    {
        var address = User.Address()!;
        var known = await folders.ListAsync(address, cancellationToken);
        if (known.FirstOrDefault(f => string.Equals(f.Name, folder, StringComparison.OrdinalIgnoreCase)) is not { } found)
        {
            return NotFound();
        }

        Folder = found.Name;
        return Page();
    }
}
