using Kakunin.Mail.Reading;
using Kakunin.Store;
using Kakunin.Tracking;
using Kakunin.Web.Mail;
using Kakunin.Web.Ui;
using Kakunin.Web.Ui.Receipts;
using Kakunin.Web.Ui.Tracking;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MimeKit;

namespace Kakunin.Web.Pages.Mail;

/// <summary>
/// One message: its header fields, its body (plain text in the page, HTML in a sandboxed frame served by
/// <see cref="MessageEndpoints"/>), remote images held back until the reader asks, attachments, and the actions.
/// Opening it marks it \Seen. A message id that is not the reader's is 404, whatever the folder in the URL.
/// </summary>
public sealed class MessageModel(KakuninStore store, UiContext ui, ReadReceipts receipts) : PageModel
{
    public string Folder { get; private set; } = string.Empty;

    public long Id { get; private set; }

    public MimeMessage Message { get; private set; } = new();

    public RenderedMessage Rendered { get; private set; } = new(string.Empty, null, 0, []);

    public bool ImagesAllowed { get; private set; }

    public bool ConfirmDelete { get; private set; }

    public string? NoticeText { get; private set; }

    public MessageSlots Slots { get; private set; } = new(string.Empty, 0, string.Empty, string.Empty);

    public DateTimeOffset When { get; private set; }

    /// <summary>For a report that is evidence in the reader's tracking: where it came from (this server, verified, unverified).</summary>
    public ProvenanceView? ReportProvenance { get; private set; }

    public bool InTrash => Folder == MailFolders.Trash;

    /// <summary>The stored bytes fail their checksum (docs/storage.md): shown as stored, with a warning, never repaired.</summary>
    public bool Damaged { get; private set; }

    public async Task<IActionResult> OnGetAsync(string folder, long id, string? images, string? confirm, string? notice, CancellationToken cancellationToken)
    {
        var address = User.Address()!;
        folder = MailUrls.FolderFromRoute(folder);
        var stored = await store.Mailboxes.GetAsync(address, id, cancellationToken);
        if (stored is null)
        {
            return NotFound();
        }

        if (stored.Folder != folder)
        {
            // Moved since the link was made: follow it to where it is now.
            return Redirect(MailUrls.Message(stored.Folder, id) + Request.QueryString);
        }

        Folder = stored.Folder;
        Id = id;
        Damaged = stored.IsDamaged;
        Slots = new MessageSlots(address, id, stored.Folder, stored.Flags);
        ImagesAllowed = images == "1";
        ConfirmDelete = confirm == "delete" && InTrash;
        NoticeText = Notice.Text(notice, ui.Text);
        Message = StoredMail.Parse(stored);
        When = Message.Date == DateTimeOffset.MinValue ? stored.ReceivedAt : Message.Date;
        ReportProvenance = await store.TrackingQueries.GetReportEventAsync(address, id, cancellationToken) is { } evidenceOf
            ? new ProvenanceView(evidenceOf.Provenance, evidenceOf.ReportedBy, evidenceOf.VouchedBy)
            : null;
        Rendered = MessageRenderer.Render(Message, new RenderOptions(ImagesAllowed, index => MailUrls.Part(stored.Folder, id, index)));
        if (!stored.HasFlag(MessageFlags.Seen))
        {
            await store.Mailboxes.SetSeenAsync(address, id, seen: true, cancellationToken);
        }

        return Page();
    }

    /// <summary>Delete: to Trash; from Trash to the confirm step (<see cref="TrashAction"/>).</summary>
    public Task<IActionResult> OnPostDeleteAsync(string folder, long id, CancellationToken cancellationToken) =>
        TrashAction.DeleteAsync(store, receipts, User.Address()!, id, ui.Language, cancellationToken);

    public async Task<IActionResult> OnPostDeleteForeverAsync(string folder, long id, CancellationToken cancellationToken)
    {
        var address = User.Address()!;
        var stored = await store.Mailboxes.GetAsync(address, id, cancellationToken);
        if (stored is null)
        {
            return NotFound();
        }

        if (stored.Folder != MailFolders.Trash)
        {
            // Only what is already in Trash is deleted for good; anything else goes to Trash first.
            return await OnPostDeleteAsync(folder, id, cancellationToken);
        }

        await store.Mailboxes.DeleteAsync(address, id, cancellationToken);
        return Redirect(MailUrls.Folder(MailFolders.Trash) + "?notice=" + Notice.DeletedForever);
    }

    /// <summary>Back to the folder: staying on the page would mark it read again.</summary>
    public async Task<IActionResult> OnPostUnreadAsync(string folder, long id, CancellationToken cancellationToken)
    {
        var address = User.Address()!;
        var stored = await store.Mailboxes.GetAsync(address, id, cancellationToken);
        if (stored is null)
        {
            return NotFound();
        }

        await store.Mailboxes.SetSeenAsync(address, id, seen: false, cancellationToken);
        return Redirect(MailUrls.Folder(stored.Folder) + "?notice=" + Notice.MarkedUnread);
    }

    /// <summary>"Bob &lt;bob@example.test&gt;, carol@example.test": names as people write them, without RFC 5322 quoting.</summary>
    public static string Addresses(InternetAddressList list) => string.Join(", ", list.Select(a => a switch
    {
        MailboxAddress { Name.Length: > 0 } m => $"{m.Name} <{m.Address}>",
        MailboxAddress m => m.Address,
        _ => a.ToString(),
    }));
}
