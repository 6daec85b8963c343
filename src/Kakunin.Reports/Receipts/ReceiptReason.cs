namespace Kakunin.Reports.Receipts;

/// <summary>Why a receipt is not sent, or why the reader is asked. Text: <see cref="ReceiptReasonText"/>.</summary>
public enum ReceiptReason
{
    /// <summary>No Disposition-Notification-To.</summary>
    NoRequest,

    /// <summary>Only Return-Receipt-To / X-Confirm-Reading-To: not a standard request.</summary>
    LegacyRequestOnly,

    /// <summary>$MDNSent is set: the request was already answered or declined (RFC 3503; RFC 8098 §2.1 one MDN per recipient).</summary>
    AlreadyHandled,

    /// <summary>The message is in Sent or Drafts: the reader's own message.</summary>
    OwnMessageFolder,

    /// <summary>The message is itself a report (multipart/report: DSN, MDN, feedback): RFC 8098 §2.1 no MDN for an MDN.</summary>
    IsReport,

    /// <summary>Auto-Submitted other than "no" (RFC 3834 §2).</summary>
    AutoSubmitted,

    /// <summary>Mailing-list or bulk mail (List-Id, List-Post, Precedence: list/bulk/junk).</summary>
    ListMail,

    /// <summary>A required Disposition-Notification-Options parameter Kakunin does not understand (RFC 8098 §2.2).</summary>
    UnsupportedRequiredOption,

    /// <summary>The administrator has disabled read receipts.</summary>
    DisabledByAdministrator,

    /// <summary>The administrator forbids receipts outside the organisation.</summary>
    OutsideOrganisationForbidden,

    /// <summary>The reader's policy says never.</summary>
    PolicyNever,

    /// <summary>The reader's policy says ask.</summary>
    PolicyAsk,

    /// <summary>The reader is not in To or Cc.</summary>
    NotInToOrCc,

    /// <summary>The requester is outside the reader's organisation.</summary>
    OutsideOrganisation,

    /// <summary>The Return-Path differs from the notification address (RFC 8098 §2.1).</summary>
    ReturnPathMismatch,

    /// <summary>There is no Return-Path to compare with (RFC 8098 §2.1).</summary>
    NoReturnPath,

    /// <summary>Several distinct notification addresses (RFC 8098 §2.1).</summary>
    SeveralNotificationAddresses,

    /// <summary>The administrator requires asking every time.</summary>
    AdministratorRequiresAsking,

    /// <summary>Consent is needed but no one can be asked now (RFC 8098 §2.1).</summary>
    ConsentUnavailable,

    /// <summary>The reader's policy does not send receipts for messages deleted unread.</summary>
    DeleteNotificationsOff,
}
