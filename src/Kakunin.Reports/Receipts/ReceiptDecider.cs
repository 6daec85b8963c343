using Kakunin.Reports.Mdn;

namespace Kakunin.Reports.Receipts;

/// <summary>
/// Decides, for one message and one event, whether to send a read receipt, ask the reader, or
/// send nothing. Pure: no I/O, no clock. The order of the rules is documented in
/// docs/read-receipts.md.
/// </summary>
public static class ReceiptDecider
{
    /// <summary>Decides what to do about the read-receipt request of <see cref="ReceiptContext.Message"/>.</summary>
    public static ReceiptDecision Decide(ReceiptContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var refusal = Refusal(context, out var request);
        if (refusal is not null)
        {
            return new DoNotSend(refusal.Value);
        }

        var type = context.Event == ReceiptEvent.Displayed ? DispositionType.Displayed : DispositionType.Deleted;
        var outside = request.NotificationAddresses.Any(a => !DomainMatch.IsInside(a.Address, context.Reader.EffectiveDomains));
        if (outside && context.Override == AdministratorOverride.NeverOutsideOrganisation)
        {
            return new DoNotSend(ReceiptReason.OutsideOrganisationForbidden);
        }

        // The reader's three choices (Thunderbird-style); each case that applies has its say,
        // and the most cautious one wins: never > ask > always.
        var notInToCc = !MessageKind.IsInToOrCc(context.Message, context.Reader.Addresses);
        var choices = new List<(ReceiptChoice Choice, ReceiptReason Reason)>();
        if (notInToCc)
        {
            choices.Add((context.Policy.NotInToOrCc, ReceiptReason.NotInToOrCc));
        }

        if (outside)
        {
            choices.Add((context.Policy.OutsideDomain, ReceiptReason.OutsideOrganisation));
        }

        if (choices.Count == 0)
        {
            choices.Add((context.Policy.OtherCases, ReceiptReason.PolicyAsk));
        }

        if (choices.Any(c => c.Choice == ReceiptChoice.Never))
        {
            return new DoNotSend(ReceiptReason.PolicyNever);
        }

        var reasons = choices.Where(c => c.Choice == ReceiptChoice.Ask).Select(c => c.Reason).ToList();

        // RFC 8098 §2.1: never automatic when the Return-Path is missing or differs from the
        // notification address, or when there are several distinct notification addresses.
        if (request.ReturnPaths.Count == 0)
        {
            reasons.Add(ReceiptReason.NoReturnPath);
        }
        else if (!request.ReturnPathMatches)
        {
            reasons.Add(ReceiptReason.ReturnPathMismatch);
        }

        if (request.HasSeveralAddresses)
        {
            reasons.Add(ReceiptReason.SeveralNotificationAddresses);
        }

        if (context.Override == AdministratorOverride.AlwaysAsk)
        {
            reasons.Add(ReceiptReason.AdministratorRequiresAsking);
        }

        if (reasons.Count == 0)
        {
            // Sent by the reader's preset policy: manual-action/MDN-sent-automatically
            // (RFC 8098 §3.2.6.1); a rule acting alone: automatic-action (RFC 8098 §4).
            return new SendAutomatically(context.Event == ReceiptEvent.DeletedByRule
                ? Disposition.Automatic(type)
                : Disposition.SentByPolicy(type));
        }

        // RFC 8098 §2.1: if consent cannot be obtained, the MDN MUST NOT be sent.
        if (!context.CanPrompt || context.Event == ReceiptEvent.DeletedByRule)
        {
            return new DoNotSend(ReceiptReason.ConsentUnavailable);
        }

        return new AskReader(reasons, Disposition.SentByUser(type));
    }

    /// <summary>The rules that rule out any receipt, in order; null when none applies.</summary>
    private static ReceiptReason? Refusal(ReceiptContext context, out ReadReceiptRequest request)
    {
        request = ReadReceiptRequest.Detect(context.Message.Headers);
        if (context.Override == AdministratorOverride.Disabled)
        {
            return ReceiptReason.DisabledByAdministrator;
        }

        if (!request.IsStandardRequest)
        {
            // Return-Receipt-To / X-Confirm-Reading-To are not requests (standards.md mistake 4).
            return request.IsLegacyOnly ? ReceiptReason.LegacyRequestOnly : ReceiptReason.NoRequest;
        }

        // RFC 3503 / RFC 8098 §2.1: one MDN per recipient; never prompt twice.
        if (context.MdnSent)
        {
            return ReceiptReason.AlreadyHandled;
        }

        if (context.Folder is FolderKind.Sent or FolderKind.Drafts)
        {
            return ReceiptReason.OwnMessageFolder;
        }

        if (MessageKind.IsReport(context.Message))
        {
            return ReceiptReason.IsReport;
        }

        if (MessageKind.IsAutoSubmitted(context.Message.Headers))
        {
            return ReceiptReason.AutoSubmitted;
        }

        if (MessageKind.IsListMail(context.Message.Headers))
        {
            return ReceiptReason.ListMail;
        }

        // RFC 8098 §2.2: a required parameter must be interpreted for the MDN to be generated
        // properly. Kakunin cannot, and the "failed" disposition that once reported this
        // (RFC 2298) no longer exists, so it sends nothing (§2.1: requests may be ignored).
        if (request.BlockingOptions.Any())
        {
            return ReceiptReason.UnsupportedRequiredOption;
        }

        if (context.Event == ReceiptEvent.DeletedUnread && !context.Policy.SendOnDeleteUnread)
        {
            return ReceiptReason.DeleteNotificationsOff;
        }

        return null;
    }
}
