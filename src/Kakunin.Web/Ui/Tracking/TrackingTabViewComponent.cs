using Microsoft.AspNetCore.Mvc;

namespace Kakunin.Web.Ui.Tracking;

/// <summary>
/// A sent message's Tracking tab: one row per recipient with delivery and read state, the reason for a failure
/// and the evidence, and each recipient's timeline. For the message page's tracking slot:
/// <c>@await Component.InvokeAsync("TrackingTab", new { userAddress = Model.UserAddress, sentMessageId = Model.MessageId })</c>.
/// Renders nothing for a message without tracking, or when <c>userAddress</c> is not the signed-in user.
/// </summary>
public sealed class TrackingTabViewComponent(TrackingTabLoader loader) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(string userAddress, long sentMessageId)
    {
        if (!string.Equals(HttpContext.User.Address(), userAddress, StringComparison.OrdinalIgnoreCase))
        {
            return Content(string.Empty);
        }

        var model = await loader.BySentMessageAsync(userAddress, sentMessageId, HttpContext.RequestAborted);
        return model is null ? Content(string.Empty) : View(model);
    }
}
