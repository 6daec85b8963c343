using Kakunin.Tracking;
using Kakunin.Protocol;
using Kakunin.Store;

namespace Kakunin.Queue.Tests;

/// <summary>MailSubmission: what the webmail calls, and what QueueSmtpBackend now goes through.</summary>
public sealed class MailSubmissionTests
{
    private const string Alice = "alice@example.com";

    [Fact]
    public async Task A_user_submission_is_queued_with_its_DSN_parameters_a_Sent_copy_and_a_tracking_record_in_one_commit()
    {
        await using var f = await QueueFixture.CreateAsync();
        var before = f.Store.Writer.TransactionsCommitted;
        var orcpt = new TypedAddress("rfc822", "bob@example.com");

        var result = await f.MailSubmission.SubmitAsync(
            "Alice@Example.com", Alice,
            [new NewQueueRecipient("Bob@Example.com", DsnNotify.Success | DsnNotify.Failure, "rfc822;bob@example.com", orcpt), new NewQueueRecipient("carol@remote.test", DsnNotify.Never)],
            QueueFixture.Content(Alice, "bob@example.com, carol@remote.test"), "web-1", DsnReturn.Headers, TestContext.Current.CancellationToken);

        Assert.Equal(before + 1, f.Store.Writer.TransactionsCommitted);
        Assert.True(await f.Signal.WaitAsync(TimeSpan.Zero, TestContext.Current.CancellationToken)); // the runner is woken
        var (message, recipients) = (await f.Store.Queue.FindAsync(result.QueueId, TestContext.Current.CancellationToken))!.Value;
        Assert.Equal((Alice, "web-1", (DsnReturn?)DsnReturn.Headers, Alice, true, false), (message.ReversePath, message.EnvelopeId, message.Return, message.AuthenticatedUser, message.SenderVerified, message.IsReport));
        Assert.Equal(["bob@example.com", "carol@remote.test"], recipients.Select(r => r.Address));
        Assert.Equal(DsnNotify.Success | DsnNotify.Failure, recipients[0].Notify);
        Assert.Equal(orcpt, recipients[0].OriginalRecipient);
        Assert.Equal("rfc822;bob@example.com", recipients[0].OriginalRecipientParameter);

        var sent = Assert.Single(await f.Store.Mailboxes.ListAsync(Alice, MailFolders.Sent, TestContext.Current.CancellationToken));
        Assert.Equal(sent.Id, result.SentMessageId);
        var tracking = await f.Store.TrackingQueries.GetByQueueIdAsync(result.QueueId, TestContext.Current.CancellationToken);
        Assert.Equal(result.TrackingId, tracking!.Id);
        Assert.Equal("m1@example.com", tracking.MessageId);
        Assert.Equal(["bob@example.com", "carol@remote.test"], tracking.Recipients.Select(r => r.Address));
        Assert.Equal("web-1", await f.ScalarAsync("SELECT envelope_id FROM tracking_messages WHERE id = $id", ("$id", result.TrackingId)));
        Assert.Equal(sent.Id, await f.ScalarAsync("SELECT sent_message_id FROM tracking_messages WHERE id = $id", ("$id", result.TrackingId)));

        await f.RunAsync();
        Assert.Single(await f.InboxAsync("bob@example.com"));
        Assert.Equal("delivered", (await f.TrackedAsync("bob@example.com")).State);
    }

    [Fact]
    public async Task A_user_may_send_as_an_alias_of_theirs_and_as_nobody_else()
    {
        await using var f = await QueueFixture.CreateAsync();
        var content = QueueFixture.Content("sales@example.com", "bob@example.com");
        NewQueueRecipient[] to = [new("bob@example.com")];

        await f.MailSubmission.SubmitAsync(Alice, "sales@example.com", to, content, null, null, TestContext.Current.CancellationToken);
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
            f.MailSubmission.SubmitAsync(Alice, "bob@example.com", to, content, null, null, TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ArgumentException>(() =>
            f.MailSubmission.SubmitAsync(Alice, Alice, to, content, new string('x', 101), null, TestContext.Current.CancellationToken)); // RFC 3461 §4.4
        await Assert.ThrowsAsync<ArgumentException>(() =>
            f.MailSubmission.SubmitAsync(Alice, Alice, [], content, null, null, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_report_goes_from_the_null_reverse_path_without_Sent_copy_or_tracking()
    {
        await using var f = await QueueFixture.CreateAsync();

        var queueId = await f.MailSubmission.SubmitReportAsync("bob@example.com", ["Alice@Example.com"], QueueFixture.Content("bob@example.com", Alice, "Read: Contract", "r1@example.com"), TestContext.Current.CancellationToken);

        var (message, recipients) = (await f.Store.Queue.FindAsync(queueId, TestContext.Current.CancellationToken))!.Value;
        Assert.True(message.HasNullReversePath); // RFC 8098 §3
        Assert.True(message.IsReport);
        Assert.Equal("bob@example.com", message.AuthenticatedUser);
        Assert.Equal(Alice, Assert.Single(recipients).Address);
        Assert.Empty(await f.Store.Mailboxes.ListAsync("bob@example.com", MailFolders.Sent, TestContext.Current.CancellationToken));
        Assert.Null(await f.Store.TrackingQueries.GetByQueueIdAsync(queueId, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Over_SMTP_a_message_from_the_null_reverse_path_is_neither_kept_as_sent_nor_tracked()
    {
        await using var f = await QueueFixture.CreateAsync();

        Assert.Equal(250, (await f.SubmitAsync(QueueFixture.Submission(Alice), QueueFixture.From(null), QueueFixture.To("bob@example.com"))).Code);

        var queued = Assert.Single(await f.Store.Queue.ListMessagesAsync(TestContext.Current.CancellationToken));
        Assert.Null(await f.Store.TrackingQueries.GetByQueueIdAsync(queued.QueueId, TestContext.Current.CancellationToken));
        Assert.Empty(await f.Store.Mailboxes.ListAsync(Alice, MailFolders.Sent, TestContext.Current.CancellationToken));
    }
}
