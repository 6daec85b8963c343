using Kakunin.Queue;
using Kakunin.Reports.Receipts;
using Microsoft.AspNetCore.Mvc;

namespace Kakunin.Web.Ui.Receipts;

/// <summary>
/// The read-receipt banner of a received message. Invoking it is opening the message (RFC 8098 "displayed"): the
/// reader's policy is applied at once through <see cref="ReadReceipts.OnDisplayedAsync"/>:
/// <list type="bullet">
/// <item>send automatically → sent now, and a small note says so;</item>
/// <item>ask → "The sender asked to be notified when you read this message. Send a receipt / Don't send", with the
/// reasons the system chose to ask; the buttons POST (antiforgery) to /receipts/{id} and come back here;</item>
/// <item>never, no request, Sent or Drafts, answered before → nothing.</item>
/// </list>
/// For the message page's receipt slot:
/// <c>@await Component.InvokeAsync("ReceiptBanner", new { userAddress = Model.UserAddress, messageId = Model.MessageId })</c>.
/// With <c>explain: true</c> (the /receipts page) it also says why no receipt will be sent.
/// </summary>
public sealed class ReceiptBannerViewComponent(ReadReceipts receipts, UiContext ui) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(string userAddress, long messageId, bool explain = false)
    {
        if (!string.Equals(HttpContext.User.Address(), userAddress, StringComparison.OrdinalIgnoreCase))
        {
            return Content(string.Empty);
        }

        var request = HttpContext.Request;
        var returnUrl = ReceiptNotice.WithoutNotice(request.PathBase + request.Path + request.QueryString);
        if (request.Query[ReceiptNotice.QueryName].ToString() is { Length: > 0 } notice && ReceiptNotice.Text(notice, ui.Text) is not null)
        {
            return View(new ReceiptBannerModel(BannerKind.Notice, messageId, returnUrl, [], notice));
        }

        var result = await receipts.OnDisplayedAsync(userAddress, messageId, ui.Language, HttpContext.RequestAborted);
        var model = (result.Outcome, result.Decision) switch
        {
            (ReceiptOutcome.Sent, _) => new ReceiptBannerModel(BannerKind.SentBySetting, messageId, returnUrl, []),
            (ReceiptOutcome.Ask, AskReader ask) => new ReceiptBannerModel(BannerKind.Ask, messageId, returnUrl, ask.Reasons),
            (_, DoNotSend refused) when explain => new ReceiptBannerModel(BannerKind.NotSent, messageId, returnUrl, [refused.Reason]),
            _ => ReceiptBannerModel.Nothing(messageId),
        };
        return model.Kind == BannerKind.Nothing ? Content(string.Empty) : View(model);
    }
}
