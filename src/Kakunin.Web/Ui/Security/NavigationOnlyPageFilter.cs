using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Kakunin.Web.Ui.Security;

/// <summary>
/// Pages answer only navigations. Opening a message marks it read and may send a read receipt by the reader's
/// policy, so a GET of a page must never be triggered by an image, style or script that some mail (shown with
/// "Show images") points at our own URLs. Browsers say why they fetch in Sec-Fetch-Dest (Fetch Metadata); a page
/// fetched as anything but a document or a frame is 404 and does nothing. Clients that send no such header
/// (curl, the bench) are unaffected.
/// </summary>
internal sealed class NavigationOnlyPageFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var destination = context.HttpContext.Request.Headers["Sec-Fetch-Dest"].ToString();
        if (destination.Length > 0 && destination is not ("document" or "iframe" or "frame" or "empty"))
        {
            context.Result = new NotFoundResult();
            return;
        }

        await next();
    }
}
