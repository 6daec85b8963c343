using Kakunin.Reports.Receipts;
using Kakunin.Store;
using Kakunin.Web.Ui;
using Kakunin.Web.Ui.Receipts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MimeKit;

namespace Kakunin.Web.Pages.Receipts;

/// <summary>
/// "Read receipt for &lt;subject&gt;": a received message's read-receipt request on a page of its own (the banner, who
/// the receipt would go to, a link to the message), and the target of the banner's two buttons wherever it is shown.
/// A second "Send" finds $MDNSent set and sends nothing (RFC 3503).
/// </summary>
public sealed class IndexModel(KakuninStore store, ReadReceipts receipts, UiContext ui) : PageModel
{
    public long Id { get; private set; }

    public string? Subject { get; private set; }

    public string Folder { get; private set; } = MailFolders.Inbox;

    public IReadOnlyList<string> NotificationAddresses { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (await store.Mailboxes.GetAsync(User.Address()!, id, cancellationToken) is not { } stored)
        {
            return NotFound();
        }

        MimeMessage message;
        using (var stream = new MemoryStream(stored.Content.ToArray(), writable: false))
        {
            message = await MimeMessage.LoadAsync(stream, cancellationToken);
        }

        Id = id;
        Folder = stored.Folder;
        Subject = message.Subject;
        NotificationAddresses = [.. ReadReceiptRequest.Detect(message).NotificationAddresses.Select(a => a.Address)];
        return Page();
    }

    public async Task<IActionResult> OnPostSendAsync(long id, string? returnUrl, CancellationToken cancellationToken)
    {
        var result = await receipts.SendAsync(User.Address()!, id, ui.Language, cancellationToken);
        return Back(id, returnUrl, ReceiptNotice.For(result.Outcome));
    }

    public async Task<IActionResult> OnPostDeclineAsync(long id, string? returnUrl, CancellationToken cancellationToken)
    {
        var result = await receipts.DeclineAsync(User.Address()!, id, cancellationToken);
        return Back(id, returnUrl, ReceiptNotice.For(result.Outcome));
    }

    private LocalRedirectResult Back(long id, string? returnUrl, string notice) =>
        LocalRedirect(ReceiptNotice.AddTo(returnUrl, "/receipts/" + id.ToString(System.Globalization.CultureInfo.InvariantCulture), notice, Url.IsLocalUrl));
}
