using Kakunin.Store;
using Kakunin.Tracking;

namespace Kakunin.Web.Ui.Tracking;

/// <summary>Loads one sent message's tracking for the Tracking tab, with the folders of the reports it links to.</summary>
public sealed class TrackingTabLoader(KakuninStore store)
{
    /// <summary>The tab of the user's Sent item, or null when it has no tracking (or is not theirs).</summary>
    public async Task<TrackingTabModel?> BySentMessageAsync(string user, long sentMessageId, CancellationToken cancellationToken) =>
        await BuildAsync(user, await store.TrackingQueries.GetBySentMessageAsync(user, sentMessageId, cancellationToken), cancellationToken);

    /// <summary>The tab of one of the user's tracked messages by its tracking id, or null.</summary>
    public async Task<TrackingTabModel?> ByTrackingIdAsync(string user, long trackingId, CancellationToken cancellationToken) =>
        await BuildAsync(user, await store.TrackingQueries.GetAsync(user, trackingId, cancellationToken), cancellationToken);

    private async Task<TrackingTabModel?> BuildAsync(string user, TrackedMessage? message, CancellationToken cancellationToken)
    {
        if (message is null)
        {
            return null;
        }

        // A report is linked in the folder it is in now (the user may have moved it); reports are few per message.
        var folders = new Dictionary<long, string>();
        foreach (var id in TrackingTabModel.ReportIds(message))
        {
            if (await store.Mailboxes.GetAsync(user, id, cancellationToken) is { } stored)
            {
                folders[id] = stored.Folder;
            }
        }

        return TrackingTabModel.Build(message, folders, await ReadReceiptRequestedAsync(user, message, cancellationToken));
    }

    // Whether the message asked for read receipts: Disposition-Notification-To in its Sent copy (RFC 8098 §2.1).
    // The tracking record does not keep it; null when the Sent copy is gone.
    private async Task<bool?> ReadReceiptRequestedAsync(string user, TrackedMessage message, CancellationToken cancellationToken)
    {
        if (message.SentMessageId is not { } sentId || await store.Mailboxes.GetAsync(user, sentId, cancellationToken) is not { } sent)
        {
            return null;
        }

        using var stream = new MemoryStream(sent.Content.ToArray(), writable: false);
        try
        {
            return MimeKit.HeaderList.Load(stream, cancellationToken).Contains(MimeKit.HeaderId.DispositionNotificationTo);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
