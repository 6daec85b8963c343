using System.Text;
using Kakunin.Store.Tests.Postgres;

namespace Kakunin.Store.Tests.Providers;

/// <summary>
/// Mail into a mailbox and through the queue with the same repository calls on SQLite and on PostgreSQL: the bytes,
/// the folder listing, due recipients with the scheduler's filters, and a settlement that finishes a message.
/// </summary>
public sealed class MailAndQueueOnBothStoresTests(PostgresClusterFixture fixture) : IClassFixture<PostgresClusterFixture>
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(ProviderStore.Sqlite)]
    [InlineData(ProviderStore.Postgres)]
    public async Task Appended_mail_is_listed_in_its_folder_with_its_bytes_and_flags(string provider)
    {
        await using var t = await ProviderStore.OpenAsync(provider, fixture.Cluster, Ct);
        await t.Store.Directory.AddDomainAsync("example.test", Ct);
        await t.Store.Directory.AddUserAsync("alice@example.test", "pw", Ct);
        var first = await t.Store.Mailboxes.AppendAsync("alice@example.test", "Inbox", Encoding.ASCII.GetBytes("Subject: one\r\n\r\nfirst\r\n"), "", T0, Ct);
        var second = await t.Store.Mailboxes.AppendAsync("alice@example.test", "Inbox", Encoding.ASCII.GetBytes("Subject: two\r\n\r\nsecond\r\n"), "\\Seen", T0.AddMinutes(1), Ct);

        var inbox = await t.Store.Mailboxes.ListAsync("alice@example.test", "Inbox", Ct);

        Assert.Equal([first, second], inbox.Select(m => m.Id));
        Assert.Equal("Subject: two\r\n\r\nsecond\r\n", Encoding.ASCII.GetString(inbox[1].Content.Span));
        Assert.Equal(T0.AddMinutes(1), inbox[1].ReceivedAt);
        Assert.True(inbox[1].HasFlag("\\Seen"));
        Assert.False(inbox[0].HasFlag("\\Seen"));
        Assert.Empty(await t.Store.Mailboxes.ListAsync("alice@example.test", "Sent", Ct));
        Assert.Equal("Subject: one\r\n\r\nfirst\r\n", Encoding.ASCII.GetString((await t.Store.Mailboxes.GetAsync("alice@example.test", first, Ct))!.Content.Span));
    }

    [Theory]
    [InlineData(ProviderStore.Sqlite)]
    [InlineData(ProviderStore.Postgres)]
    public async Task Queued_recipients_are_due_filtered_by_the_scheduler_and_settled(string provider)
    {
        await using var t = await ProviderStore.OpenAsync(provider, fixture.Cluster, Ct);
        var queued = await t.Store.Queue.EnqueueAsync(
            new NewQueueMessage("Q1", "alice@example.test", [new("bob@one.test"), new("carol@Two.test"), new("dave@two.test")], Encoding.ASCII.GetBytes("Subject: hi\r\n\r\nbody\r\n"), T0),
            Ct);

        Assert.Equal(["bob@one.test", "carol@Two.test", "dave@two.test"], Due(await t.Store.Queue.GetDueAsync(T0, 10, Ct)));
        Assert.Empty(await t.Store.Queue.GetDueAsync(T0.AddSeconds(-1), 10, Ct)); // received at T0: not due before
        Assert.Equal(["carol@Two.test", "dave@two.test"], Due(await t.Store.Queue.GetDueAsync(T0, 10, new DueFilter([queued.RecipientIds[0]], []), Ct)));
        Assert.Equal(["bob@one.test"], Due(await t.Store.Queue.GetDueAsync(T0, 10, new DueFilter([], ["TWO.test"]), Ct)));
        Assert.Equal(["carol@Two.test", "dave@two.test"], Due(await t.Store.Queue.GetDueAsync(T0, 10, new DueFilter([], [], ["two.test"]), Ct)));
        Assert.Equal(["bob@one.test"], Due(await t.Store.Queue.GetDueAsync(T0, 1, Ct)));

        // Relayed, failed, delivered: the message is finished and leaves the active list.
        await t.Store.Writer.WriteAsync(tx =>
        {
            var states = new[] { RecipientState.Relayed, RecipientState.Failed, RecipientState.Delivered };
            for (var i = 0; i < 3; i++)
            {
                var recipient = QueueRepository.GetRecipient(tx, queued.RecipientIds[i])!;
                QueueRepository.Update(tx, recipient with { State = states[i], Attempts = 1, Status = i == 1 ? "5.1.1" : "2.0.0", LastAttemptAt = T0.AddMinutes(1), UpdatedAt = T0.AddMinutes(1) });
            }

            Assert.True(QueueRepository.CompleteIfFinished(tx, queued.MessageId));
        }, Ct);

        Assert.Empty(await t.Store.Queue.GetDueAsync(T0.AddHours(1), 10, Ct));
        Assert.Empty(await t.Store.Queue.ListAsync(includeDone: false, Ct));
        var (message, recipients) = (await t.Store.Queue.FindAsync("Q1", Ct))!.Value;
        Assert.Equal("done", message.State);
        Assert.Equal([RecipientState.Relayed, RecipientState.Failed, RecipientState.Delivered], recipients.Select(r => r.State));
        Assert.Equal("5.1.1", recipients[1].Status);
        Assert.Equal(T0.AddMinutes(1), recipients[1].LastAttemptAt);
        // A finished message keeps its header section only, with a checksum that matches it (CompleteIfFinished).
        Assert.Equal("Subject: hi\r\n\r\n", Encoding.ASCII.GetString(await t.Store.Queue.GetContentAsync(queued.MessageId, Ct)));
    }

    private static List<string> Due(IReadOnlyList<(QueueMessageRecord Message, QueueRecipientRecord Recipient)> due) =>
        [.. due.Select(d => d.Recipient.Address)];
}
