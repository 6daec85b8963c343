using MimeKit;

namespace Kakunin.Reports.Receipts;

/// <summary>Everything the read-receipt decision depends on; the decision itself is pure.</summary>
/// <param name="Message">The received message (its header fields and top-level content type are used).</param>
/// <param name="Reader">The reader's addresses and organisation.</param>
/// <param name="Folder">Where the message is.</param>
/// <param name="MdnSent">Whether the $MDNSent keyword (RFC 3503) is already set.</param>
/// <param name="Policy">The reader's own choices.</param>
/// <param name="Override">What the administrator imposes.</param>
/// <param name="Event">What happened to the message.</param>
/// <param name="CanPrompt">
/// Whether a person can be asked now. When not, every "ask" becomes "do not send"
/// (RFC 8098 §2.1: if consent cannot be obtained, an MDN MUST NOT be sent).
/// </param>
public sealed record ReceiptContext(
    MimeMessage Message,
    ReaderIdentity Reader,
    FolderKind Folder,
    bool MdnSent,
    ReceiptPolicy Policy,
    AdministratorOverride Override = AdministratorOverride.None,
    ReceiptEvent Event = ReceiptEvent.Displayed,
    bool CanPrompt = true);
