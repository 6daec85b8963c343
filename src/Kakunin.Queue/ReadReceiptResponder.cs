using Kakunin.Reports.Mdn;
using Kakunin.Reports.Receipts;
using Kakunin.Store;
using MimeKit;
using Kakunin.Protocol;

namespace Kakunin.Queue;

/// <summary>
/// The reader's side of read receipts (RFC 8098) for messages in a user's mailbox: decides with the reports
/// library's <see cref="ReceiptDecider"/>, composes with <see cref="MdnComposer"/>, and queues the MDN from the
/// null reverse-path with <see cref="MailSubmission.QueueReport"/> in the same commit that sets $MDNSent
/// (RFC 3503), so a receipt is never sent twice, however many times "Send" is clicked.
/// </summary>
/// <remarks>
/// It lives in Kakunin.Queue, not Kakunin.Tracking: it must queue the MDN inside its own write transaction, which
/// needs the queue's submission code, and Queue already depends on Tracking (the settlement applies reports).
/// Tracking is also the sender's side (reports coming back); this is the recipient's.
/// </remarks>
public sealed class ReadReceiptResponder
{
    private readonly KakuninStore _store;
    private readonly MailSubmission _submission;
    private readonly TimeProvider _time;

    public ReadReceiptResponder(KakuninStore store, MailSubmission submission, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(timeProvider);
        (_store, _submission, _time) = (store, submission, timeProvider);
    }

    /// <summary>What the request of a stored message calls for; null when the user has no such message. Records nothing.</summary>
    public async Task<ReceiptDecision?> DecideAsync(
        string user, long messageId, ReceiptSettings settings, ReceiptEvent receiptEvent, bool canPrompt, CancellationToken cancellationToken) =>
        (await LoadAsync(user, messageId, settings, receiptEvent, canPrompt, cancellationToken).ConfigureAwait(false))?.Decision;

    /// <summary>
    /// The reader opened the message: sends at once when the policy says so (manual-action/MDN-sent-automatically,
    /// RFC 8098 §3.2.6.1), returns <see cref="ReceiptOutcome.Ask"/> when the reader must be asked, else NotSent.
    /// </summary>
    public async Task<ReceiptResult> OnDisplayedAsync(string user, long messageId, ReceiptSettings settings, CancellationToken cancellationToken)
    {
        var loaded = await LoadAsync(user, messageId, settings, ReceiptEvent.Displayed, canPrompt: true, cancellationToken).ConfigureAwait(false);
        return loaded?.Decision switch
        {
            null => new ReceiptResult(ReceiptOutcome.NoSuchMessage),
            SendAutomatically auto => await SendAsync(user, loaded, auto.Disposition, settings, cancellationToken).ConfigureAwait(false),
            AskReader ask => new ReceiptResult(ReceiptOutcome.Ask, ask),
            var refused => NotSent(refused),
        };
    }

    /// <summary>
    /// Sends the receipt for a displayed message. <paramref name="manual"/>: the reader clicked "Send receipt"
    /// (manual-action/MDN-sent-manually); otherwise only what the policy sends by itself
    /// (manual-action/MDN-sent-automatically). Nothing is sent where the decision forbids it, or a second time.
    /// </summary>
    public async Task<ReceiptResult> SendAsync(string user, long messageId, ReceiptSettings settings, bool manual, CancellationToken cancellationToken)
    {
        var loaded = await LoadAsync(user, messageId, settings, ReceiptEvent.Displayed, canPrompt: manual, cancellationToken).ConfigureAwait(false);
        return loaded?.Decision switch
        {
            null => new ReceiptResult(ReceiptOutcome.NoSuchMessage),
            // RFC 8098 §3.2.6.1: the reader's click is an explicit permission for this MDN.
            AskReader or SendAutomatically when manual => await SendAsync(user, loaded, Disposition.SentByUser(DispositionType.Displayed), settings, cancellationToken).ConfigureAwait(false),
            SendAutomatically auto => await SendAsync(user, loaded, auto.Disposition, settings, cancellationToken).ConfigureAwait(false),
            var refused => NotSent(refused),
        };
    }

    /// <summary>The reader clicked "Don't send": $MDNSent is set (RFC 3503), nothing is sent, and they are never asked again.</summary>
    public async Task<ReceiptResult> DeclineAsync(string user, long messageId, CancellationToken cancellationToken)
    {
        var userId = await _store.Directory.FindUserIdAsync(user, cancellationToken).ConfigureAwait(false);
        if (userId is not { } id)
        {
            return new ReceiptResult(ReceiptOutcome.NoSuchMessage);
        }

        var change = await _store.Writer.WriteAsync(tx => MailboxMessages.TryAddFlag(tx, id, messageId, MessageFlags.MdnSent), cancellationToken).ConfigureAwait(false);
        return new ReceiptResult(change switch
        {
            FlagChange.Added => ReceiptOutcome.Declined,
            FlagChange.AlreadySet => ReceiptOutcome.AlreadyHandled,
            _ => ReceiptOutcome.NoSuchMessage,
        });
    }

    /// <summary>
    /// The reader is deleting the message; call before it is removed. Only an unread message with a request, and
    /// only when the policy allows "deleted" receipts, gets one: manual-action/MDN-sent-automatically; deleted.
    /// Nobody is asked (RFC 8098 §2.1: without consent, no MDN).
    /// </summary>
    public async Task<ReceiptResult> OnDeleteUnreadAsync(string user, long messageId, ReceiptSettings settings, CancellationToken cancellationToken)
    {
        var loaded = await LoadAsync(user, messageId, settings, ReceiptEvent.DeletedUnread, canPrompt: false, cancellationToken).ConfigureAwait(false);
        if (loaded is null)
        {
            return new ReceiptResult(ReceiptOutcome.NoSuchMessage);
        }

        if (loaded.Stored.HasFlag(MessageFlags.Seen))
        {
            return new ReceiptResult(ReceiptOutcome.NotSent, loaded.Decision); // read: not "deleted without being read"
        }

        return loaded.Decision is SendAutomatically auto
            ? await SendAsync(user, loaded, auto.Disposition, settings, cancellationToken).ConfigureAwait(false)
            : NotSent(loaded.Decision);
    }

    private static ReceiptResult NotSent(ReceiptDecision decision) =>
        new(decision is DoNotSend { Reason: ReceiptReason.AlreadyHandled } ? ReceiptOutcome.AlreadyHandled : ReceiptOutcome.NotSent, decision);

    private async Task<ReceiptResult> SendAsync(string user, Loaded loaded, Disposition disposition, ReceiptSettings settings, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var mdn = MdnComposer.Compose(loaded.Message, new MailboxAddress(string.Empty, loaded.User), disposition, new MdnComposeOptions(now, settings.Language));
        var bytes = Serialize(mdn.Message);
        // RFC 3503 test-and-set: the flag and the queued MDN commit together; a second request finds the flag.
        var queued = await _store.Writer.WriteAsync(tx =>
        {
            var change = MailboxMessages.TryAddFlag(tx, loaded.UserId, loaded.Stored.Id, MessageFlags.MdnSent);
            return change == FlagChange.Added ? MailSubmission.QueueReport(tx, user, mdn.Envelope.Recipients, bytes, now) : null;
        }, cancellationToken).ConfigureAwait(false);
        if (queued is null)
        {
            return new ReceiptResult(ReceiptOutcome.AlreadyHandled, loaded.Decision);
        }

        _submission.Queued(queued, bytes.Length);
        return new ReceiptResult(ReceiptOutcome.Sent, loaded.Decision, queued.QueueId);
    }

    private async Task<Loaded?> LoadAsync(
        string user, long messageId, ReceiptSettings settings, ReceiptEvent receiptEvent, bool canPrompt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(user);
        ArgumentNullException.ThrowIfNull(settings);
        var address = MailboxIdentity.KeyOf(user);
        if (await _store.Directory.FindUserIdAsync(address, cancellationToken).ConfigureAwait(false) is not { } userId
            || await _store.Mailboxes.GetAsync(address, messageId, cancellationToken).ConfigureAwait(false) is not { } stored)
        {
            return null;
        }

        MimeMessage message;
        using (var stream = new MemoryStream(stored.Content.ToArray(), writable: false))
        {
            message = await MimeMessage.LoadAsync(stream, cancellationToken).ConfigureAwait(false);
        }

        var aliases = await _store.Directory.GetAliasesOfAsync(address, cancellationToken).ConfigureAwait(false);
        var domains = settings.OrganisationDomains ?? await _store.Directory.ListDomainsAsync(cancellationToken).ConfigureAwait(false);
        var context = new ReceiptContext(
            message, new ReaderIdentity([address, .. aliases], domains), FolderOf(stored.Folder), stored.HasFlag(MessageFlags.MdnSent),
            settings.Policy, settings.Override, receiptEvent, canPrompt);
        return new Loaded(address, userId, stored, message, ReceiptDecider.Decide(context));
    }

    private static FolderKind FolderOf(string folder) => folder switch
    {
        MailFolders.Inbox => FolderKind.Inbox,
        MailFolders.Sent => FolderKind.Sent,
        MailFolders.Drafts => FolderKind.Drafts,
        _ => FolderKind.Other,
    };

    private static byte[] Serialize(MimeMessage message)
    {
        using var stream = new MemoryStream();
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos; // stored and queued bytes are CRLF
        message.WriteTo(format, stream);
        return stream.ToArray();
    }

    private sealed record Loaded(string User, long UserId, StoredMessage Stored, MimeMessage Message, ReceiptDecision Decision);
}
