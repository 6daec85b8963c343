using System.Globalization;
using System.Text;
using Kakunin.Store;
using Kakunin.Tracking;

namespace Kakunin.Bench;

/// <summary>
/// Fills a data folder like a busy user's year: alice@example.test with N sent messages of three recipients each
/// (queue rows finished, Sent copies, tracking records) and about ten tracking events per message — queued,
/// retries for three in twenty recipients, the final state, a delivery report's evidence, and read receipts for about
/// half — plus an Inbox of M messages. Written through the store's own write paths (the same SQL the server runs),
/// in transactions of 500 messages; read receipts are set with one UPDATE per batch on the columns migration 2 added.
/// </summary>
internal static class WebmailSeed
{
    public const string User = "alice@example.test";
    public const string Password = "bench-password";

    public static async Task<(long SentMessages, long Recipients, long Events, long InboxMessages)> RunAsync(string dataDir, int sent, int inbox)
    {
        await using var store = await KakuninStore.OpenAsync(dataDir, new StoreOptions { PasswordIterations = 1000 });
        await store.Directory.AddDomainAsync("example.test", default);
        await store.Directory.AddDomainAsync("example.net", default);
        if (await store.Directory.FindUserIdAsync(User, default) is null)
        {
            await store.Directory.AddUserAsync(User, Password, default);
        }

        var start = new DateTimeOffset(2025, 11, 29, 0, 0, 0, TimeSpan.Zero);
        var step = TimeSpan.FromDays(365) / Math.Max(1, sent);
        const int batch = 500;
        for (var first = 0; first < sent; first += batch)
        {
            var count = Math.Min(batch, sent - first);
            var from = first;
            await store.Writer.WriteAsync(tx =>
            {
                var userId = DirectoryRepository.FindUserId(tx, User)!.Value;
                for (var i = from; i < from + count; i++)
                {
                    SeedSent(tx, userId, i, start + (step * i));
                }
            }, default);
        }

        var inboxStep = TimeSpan.FromDays(365) / Math.Max(1, inbox);
        for (var first = 0; first < inbox; first += batch)
        {
            var count = Math.Min(batch, inbox - first);
            var from = first;
            await store.Writer.WriteAsync(tx =>
            {
                var userId = DirectoryRepository.FindUserId(tx, User)!.Value;
                for (var i = from; i < from + count; i++)
                {
                    var at = start + (inboxStep * i);
                    MailboxRepository.Append(tx, userId, MailFolders.Inbox, Message($"Inbox message {i}", $"sender{i % 97}@example.net", User, at), i % 5 == 0 ? string.Empty : MessageFlags.Seen, at);
                }
            }, default);
        }

        await MarkReadAsync(store);
        return await CountAsync(store);
    }

    private static void SeedSent(StoreTransaction tx, long userId, int i, DateTimeOffset at)
    {
        string[] to = [$"bob{i % 50}@example.test", $"carol{i % 211}@example.net", $"dave{i % 17}@example.org"];
        var content = Message($"Contract {i}", User, string.Join(", ", to), at);
        var queued = QueueRepository.Insert(tx, new NewQueueMessage(
            "B" + i.ToString("D9", CultureInfo.InvariantCulture), User, [.. to.Select(a => new NewQueueRecipient(a))], content, at, AuthenticatedUser: User, SenderVerified: true));
        var sentId = MailboxRepository.Append(tx, userId, MailFolders.Sent, content, MessageFlags.Seen, at);
        TrackingRepository.Create(tx, queued.MessageId, User, $"m{i}@example.test", $"Contract {i}", at, queued.RecipientIds.Zip(to), $"E{i}", sentId);
        for (var r = 0; r < queued.RecipientIds.Count; r++)
        {
            var id = queued.RecipientIds[r];
            var kind = (i * 3 + r) % 20;
            if (kind is < 2 or 3)
            {
                TrackingRepository.RecordOutcome(tx, id, new TrackingUpdate(TrackingState.Deferred, at.AddMinutes(5), Diagnostic: "451 4.7.1 try again later", Evidence: "mx.example.org"));
                TrackingRepository.RecordOutcome(tx, id, new TrackingUpdate(TrackingState.Deferred, at.AddMinutes(15), Diagnostic: "451 4.7.1 try again later", Evidence: "mx.example.org"));
            }

            var final = kind switch { 0 => TrackingState.Failed, 1 => TrackingState.Deferred, 2 => TrackingState.Failed, < 8 => TrackingState.Relayed, _ => TrackingState.Delivered };
            var diagnostic = final == TrackingState.Failed ? "550 5.1.1 <" + to[r] + ">: Recipient address rejected: User unknown" : null;
            TrackingRepository.RecordOutcome(tx, id, new TrackingUpdate(final, at.AddMinutes(30), Diagnostic: diagnostic, Evidence: final == TrackingState.Delivered ? null : "mx.example.org"));
            if (final is TrackingState.Delivered or TrackingState.Failed)
            {
                TrackingRepository.RecordOutcome(tx, id, new TrackingUpdate(final, at.AddMinutes(31), Diagnostic: diagnostic, Evidence: "message:" + i.ToString(CultureInfo.InvariantCulture))); // the report's evidence
            }

            if (final is TrackingState.Delivered or TrackingState.Relayed && kind % 2 == 0)
            {
                TrackingRepository.RecordOutcome(tx, id, new TrackingUpdate(final, at.AddHours(2), Diagnostic: null, Evidence: null)); // stands in for the read event (state is restored below)
            }
        }

        QueueRepository.CompleteIfFinished(tx, queued.MessageId);
    }

    // Recipients whose last event came two hours after submission got a read receipt: set the read columns.
    private static async Task MarkReadAsync(KakuninStore store)
    {
        await using var connection = await store.OpenReadConnectionAsync(default);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "UPDATE tracking_recipients SET read_state = 'displayed', read_at = state_at, read_evidence = 'message:0' " +
            "WHERE state_at - (SELECT submitted_at FROM tracking_messages t WHERE t.id = tracking_message_id) >= 7200000";
        await command.ExecuteNonQueryAsync();
        command.CommandText = "UPDATE tracking_events SET state = 'mdn-displayed', diagnostic = 'manual-action/MDN-sent-manually; displayed' WHERE at - (SELECT t.submitted_at FROM tracking_messages t JOIN tracking_recipients r ON r.tracking_message_id = t.id WHERE r.id = tracking_recipient_id) >= 7200000";
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<(long, long, long, long)> CountAsync(KakuninStore store)
    {
        await using var connection = await store.OpenReadConnectionAsync(default);
        long Count(string table)
        {
            using var command = connection.CreateCommand();
#pragma warning disable CA2100 // constant table names
            command.CommandText = "SELECT COUNT(*) FROM " + table;
#pragma warning restore CA2100
            return (long)command.ExecuteScalar()!;
        }

        return (Count("tracking_messages"), Count("tracking_recipients"), Count("tracking_events"), Count("messages m JOIN folders f ON f.id = m.folder_id WHERE f.name = 'Inbox'"));
    }

    private static byte[] Message(string subject, string from, string to, DateTimeOffset at) => Encoding.ASCII.GetBytes(
        $"From: {from}\r\nTo: {to}\r\nSubject: {subject}\r\nDate: {at.ToString("ddd, dd MMM yyyy HH:mm:ss +0000", CultureInfo.InvariantCulture)}\r\n" +
        $"Message-ID: <{Guid.NewGuid():N}@example.test>\r\n\r\nPlease find the terms below.\r\n");

    /// <summary>The Sent item ids of the seeded tracking records.</summary>
    public static List<long> SentIds(System.Data.Common.DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sent_message_id FROM tracking_messages WHERE sent_message_id IS NOT NULL";
        using var reader = command.ExecuteReader();
        var list = new List<long>();
        while (reader.Read())
        {
            list.Add(reader.GetInt64(0));
        }

        return list;
    }
}
