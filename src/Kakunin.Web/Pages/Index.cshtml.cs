using Kakunin.Store;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kakunin.Web.Pages;

/// <summary>"/" opens the Inbox (signing in first when needed).</summary>
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Mail/Folder", new { folder = MailFolders.Inbox });
}
