using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kakunin.Web.Pages;

/// <summary>
/// The page behind an error status (UseStatusCodePagesWithReExecute in WebmailSetup). Open without signing in,
/// so a sign-in page that fails can still say so; it shows nothing but the status.
/// </summary>
[AllowAnonymous]
public sealed class StatusModel : PageModel
{
    public int Code { get; private set; }

    public void OnGet(int code)
    {
        // Visited directly (not re-executed), the status is still that of the code asked for, within 400–599.
        Code = code is >= 400 and <= 599 ? code : 404;
        if (HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null)
        {
            Response.StatusCode = Code;
        }
    }
}
