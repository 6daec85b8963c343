using Kakunin.Mail.Compose;
using Kakunin.Mail.Reading;
using Kakunin.Store;
using Kakunin.Store.Space;
using Kakunin.Web.Mail;
using Kakunin.Web.Ui;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MimeKit;

namespace Kakunin.Web.Pages.Mail;

/// <summary>
/// Writing a message: new, a reply, reply-all or forward (<c>?reply=ID&amp;kind=…</c>), or a draft again
/// (<c>?draft=ID</c>). Send composes with <see cref="MailComposer"/> (DSN parameters and Disposition-Notification-To
/// from the two receipt boxes) and queues it; Save draft stores it in Drafts. The From is always the signed-in user.
/// The request limit is above the attachment limit so that too many megabytes get a sentence, not a broken upload.
/// </summary>
[RequestSizeLimit(ComposeAttachments.RequestLimitBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = ComposeAttachments.RequestLimitBytes)]
public sealed partial class ComposeModel(KakuninStore store, KakuninOptions options, TimeProvider time, UiContext ui, IMailSender sender, ILogger<ComposeModel> logger) : PageModel
{
    public const string ToKey = "Form.To";
    public const string CcKey = "Form.Cc";
    public const string BccKey = "Form.Bcc";
    public const string FilesKey = "Files";

    [BindProperty]
    public ComposeForm Form { get; set; } = new();

    [BindProperty]
    public IList<IFormFile> Files { get; } = [];

    /// <summary>The attachments of <see cref="ComposeForm.AttachmentsFrom"/>, each with a "keep" box.</summary>
    public IReadOnlyList<AttachmentInfo> KeptAttachments { get; private set; } = [];

    /// <summary>The form came back with an error after files were chosen: say they must be chosen again.</summary>
    public bool FilesDropped { get; private set; }

    public bool IsReply => !string.IsNullOrEmpty(Form.InReplyTo);

    public string? NoticeText { get; private set; }

    /// <summary>Why the message was not sent though the form was right (the server's disk is full); the form comes back as it was.</summary>
    public string? NotSentText { get; private set; }

    /// <summary>Why sending was refused when the form itself was fine (a store that failed its integrity check).</summary>
    public string? SendRefused { get; private set; }

    public async Task<IActionResult> OnGetAsync(long? reply, string? kind, long? draft, string? notice, CancellationToken cancellationToken)
    {
        var address = User.Address()!;
        var settings = await store.Settings.GetUserAsync(address, cancellationToken);
        NoticeText = Notice.Text(notice, ui.Text);
        if (draft is { } draftId)
        {
            var stored = await store.Mailboxes.GetAsync(address, draftId, cancellationToken);
            if (stored is null || stored.Folder != MailFolders.Drafts)
            {
                return NotFound();
            }

            Form = DraftMessage.Read(StoredMail.Parse(stored), draftId);
        }
        else if (reply is { } originalId)
        {
            var stored = await store.Mailboxes.GetAsync(address, originalId, cancellationToken);
            if (stored is null)
            {
                return NotFound();
            }

            var replyKind = kind switch
            {
                "replyall" => ReplyKind.ReplyAll,
                "forward" => ReplyKind.Forward,
                _ => ReplyKind.Reply,
            };
            var own = (await store.Directory.GetAliasesOfAsync(address, cancellationToken)).Append(address).ToList();
            var language = ui.Language;
            var quote = new QuoteText(ui.Text.QuoteWroteLine, ui.Text.ForwardBanner, date => UiTime.FormatUtc(date, language));
            // The receipt boxes start from the reader's settings for a reply too, as for any new message.
            var request = ReplyBuilder.Build(StoredMail.Parse(stored), replyKind, own, quote, settings.RequestDeliveryReceipt, settings.RequestReadReceipt);
            Form = new ComposeForm
            {
                To = request.To,
                Cc = request.Cc,
                Subject = request.Subject,
                Body = request.Body,
                BodyHtml = request.HtmlBody, // a quote of an HTML original, sanitised: the editor starts formatted
                RequestDeliveryReceipt = request.RequestDeliveryReceipt,
                RequestReadReceipt = request.RequestReadReceipt,
                InReplyTo = request.InReplyTo,
                References = request.References is { } references ? string.Join(' ', references) : null,
                AttachmentsFrom = request.Attachments is { Count: > 0 } ? originalId : null,
            };
        }
        else
        {
            Form = new ComposeForm { RequestDeliveryReceipt = settings.RequestDeliveryReceipt, RequestReadReceipt = settings.RequestReadReceipt };
        }

        var source = await SourceAsync(address, cancellationToken);
        KeptAttachments = Listed(source);
        foreach (var index in Enumerable.Range(0, KeptAttachments.Count))
        {
            Form.Keep.Add(index);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostSendAsync(CancellationToken cancellationToken)
    {
        var address = User.Address()!;
        var text = ui.Text;
        CheckAddresses(ToKey, Form.To);
        CheckAddresses(CcKey, Form.Cc);
        CheckAddresses(BccKey, Form.Bcc);
        if (ModelState.IsValid && AddressInput.Parse(Form.To).Mailboxes.Count + AddressInput.Parse(Form.Cc).Mailboxes.Count + AddressInput.Parse(Form.Bcc).Mailboxes.Count == 0)
        {
            ModelState.AddModelError(ToKey, text.NeedARecipient);
        }

        var source = await SourceAsync(address, cancellationToken);
        var attachments = await AttachmentsAsync(source, cancellationToken);
        if (!ModelState.IsValid || attachments is null)
        {
            return Again(source);
        }

        var body = RichBody.From(Form.Body, Form.BodyHtml);
        var request = new ComposeRequest(
            Form.To, Form.Cc, Form.Bcc, Form.Subject, body.Text, Form.RequestDeliveryReceipt, Form.RequestReadReceipt, attachments,
            string.IsNullOrWhiteSpace(Form.InReplyTo) ? null : Form.InReplyTo.Trim(), Form.ReferenceList, body.Html);
        var composed = MailComposer.Compose(new Sender(address, await store.Directory.GetDisplayNameAsync(address, cancellationToken)), request, new ComposeOptions(options.HostName, time.GetUtcNow()));
        long? sentId;
        try
        {
            sentId = await sender.SendAsync(address, composed, cancellationToken);
        }
        catch (Kakunin.Queue.StoreDamagedException)
        {
            SendRefused = text.StoreRefusesMail; // the form is kept, so nothing the user wrote is lost
            return Again(source);
        }
        catch (Exception e) when (OutOfSpace.Is(e, store.Space))
        {
            // docs/storage.md: below the reserve, or a write that hit a full disk. Nothing was queued; say so, keep the form.
            NotSent(logger, address, e.Message);
            NotSentText = ui.Text.NotSentStorageFull;
            return Again(source);
        }

        // A sent draft leaves Drafts (only a draft: the id came from the form).
        if (Form.DraftId is { } draftId && await store.Mailboxes.GetAsync(address, draftId, cancellationToken) is { Folder: MailFolders.Drafts })
        {
            await store.Mailboxes.DeleteAsync(address, draftId, cancellationToken);
        }

        return Redirect(sentId is { } id
            ? MailUrls.Message(MailFolders.Sent, id) + "?notice=" + Notice.Sent
            : MailUrls.Folder(MailFolders.Sent) + "?notice=" + Notice.Sent);
    }

    public async Task<IActionResult> OnPostSaveDraftAsync(CancellationToken cancellationToken)
    {
        var address = User.Address()!;
        var source = await SourceAsync(address, cancellationToken);
        var attachments = await AttachmentsAsync(source, cancellationToken);
        if (attachments is null)
        {
            return Again(source);
        }

        var replaces = Form.DraftId is { } old && await store.Mailboxes.GetAsync(address, old, cancellationToken) is { Folder: MailFolders.Drafts } ? old : (long?)null;
        var content = DraftMessage.Build(new MailboxAddress(await store.Directory.GetDisplayNameAsync(address, cancellationToken), address), Form, attachments, options.HostName, time.GetUtcNow());
        var saved = await store.Mailboxes.SaveDraftAsync(address, replaces, content, time.GetUtcNow(), cancellationToken);
        return Redirect(MailUrls.EditDraft(saved) + "&notice=" + Notice.DraftSaved);
    }

    /// <summary>The first error of a field, in the reader's language, or null.</summary>
    public string? ErrorFor(string key) =>
        ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    private PageResult Again(MimeMessage? source)
    {
        Form.BodyHtml = Form.BodyHtml is null ? null : OutgoingHtml.Sanitise(Form.BodyHtml); // shown again in the editor: never as posted
        KeptAttachments = Listed(source);
        FilesDropped = Files.Any(f => f.Length > 0);
        return Page();
    }

    private void CheckAddresses(string key, string? value)
    {
        var (_, invalid) = AddressInput.Parse(value);
        if (invalid.Count > 0)
        {
            ModelState.AddModelError(key, ui.Text.NotAnAddress(string.Join(", ", invalid)));
        }
    }

    /// <summary>The kept and new files, or null (with the error on the file field) when they exceed the limit.</summary>
    private async Task<IReadOnlyList<Attachment>?> AttachmentsAsync(MimeMessage? source, CancellationToken cancellationToken)
    {
        var kept = ComposeAttachments.Kept(source, Form.Keep);
        var total = kept.Sum(a => (long)a.Content.Length) + Files.Sum(f => f.Length);
        if (total > ComposeAttachments.LimitBytes)
        {
            ModelState.AddModelError(FilesKey, ui.Text.AttachmentsTooLarge(ByteSize.Format(total), ComposeAttachments.LimitMegabytes));
            return null;
        }

        return [.. kept, .. await ComposeAttachments.ReadAsync(Files, cancellationToken)];
    }

    // The message whose attachments the form carries: the user's own, in any folder (a draft, or one being forwarded).
    private async Task<MimeMessage?> SourceAsync(string address, CancellationToken cancellationToken) =>
        Form.AttachmentsFrom is { } id && await store.Mailboxes.GetAsync(address, id, cancellationToken) is { } stored ? StoredMail.Parse(stored) : null;

    private static List<AttachmentInfo> Listed(MimeMessage? source) =>
        source is null ? [] : [.. MessageText.Attachments(source).Select((a, i) => new AttachmentInfo(i, a.FileName, a.ContentType, a.Content.Length))];

    [LoggerMessage(EventId = 1520, Level = LogLevel.Warning, Message = "Webmail: a message from {User} was not sent, the disk is full ({Reason})")]
    private static partial void NotSent(ILogger logger, string user, string reason);
}
