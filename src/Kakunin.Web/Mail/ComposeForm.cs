using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;

namespace Kakunin.Web.Mail;

/// <summary>
/// The compose form as posted, and as it is filled in again after an error, for a reply or from a draft. Hidden
/// fields carry what the person does not type: the draft being edited, the thread ids, and the message whose
/// attachments are carried along (a draft's own, or a forwarded message's).
/// The compose page checks the form itself (addresses, attachment size) and words the errors in the reader's
/// language, so MVC's implicit "required" checks stay off, and an empty field binds as "" rather than null.
/// </summary>
[ValidateNever]
public sealed class ComposeForm
{
    public string To { get; set => field = value ?? string.Empty; } = string.Empty;

    public string Cc { get; set => field = value ?? string.Empty; } = string.Empty;

    public string Bcc { get; set => field = value ?? string.Empty; } = string.Empty;

    public string Subject { get; set => field = value ?? string.Empty; } = string.Empty;

    public string Body { get; set => field = value ?? string.Empty; } = string.Empty;

    /// <summary>
    /// The formatting editor's HTML (compose-editor.js posts it and leaves <see cref="Body"/> out), or null when the
    /// body was written in the plain field. Never trusted: <see cref="Kakunin.Mail.Compose.RichBody"/> sanitises it.
    /// </summary>
    public string? BodyHtml { get; set; }

    public bool RequestDeliveryReceipt { get; set; }

    public bool RequestReadReceipt { get; set; }

    /// <summary>The draft this form edits; sending or saving replaces it.</summary>
    public long? DraftId { get; set; }

    /// <summary>The Message-ID answered (In-Reply-To, RFC 5322 §3.6.4), without angle brackets.</summary>
    public string? InReplyTo { get; set; }

    /// <summary>The thread's Message-IDs (References, RFC 5322 §3.6.4), separated by spaces, without angle brackets.</summary>
    public string? References { get; set; }

    /// <summary>The stored message whose attachments this message carries (a draft being edited, or a forwarded message).</summary>
    public long? AttachmentsFrom { get; set; }

    /// <summary>Which of those attachments to keep, by position (<see cref="Kakunin.Mail.Reading.MessageText.Attachments"/>).</summary>
    public IList<int> Keep { get; set; } = [];

    public IReadOnlyList<string> ReferenceList =>
        // Any whitespace separates ids, and no id may carry a control character: a line break here would start a
        // new header field in the outgoing message (RFC 5322 §2.2).
        [.. (References ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Where(id => !id.Any(char.IsControl))];
}
