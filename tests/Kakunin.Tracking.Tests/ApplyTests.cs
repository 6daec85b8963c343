using Kakunin.Store;

namespace Kakunin.Tracking.Tests;

/// <summary>ReportIntake.Apply against a real store: which tracked recipient a report updates, and how.</summary>
public sealed class ApplyTests
{
    private const string Alice = "alice@example.com";
    private const string Bob = "bob@example.com";
    private static readonly DateTimeOffset At = TrackingStore.T0.AddMinutes(10);

    [Fact]
    public async Task A_DSN_matches_by_ENVID_and_records_failed_with_the_remote_words_and_the_evidence()
    {
        await using var t = await TrackingStore.OpenAsync();
        // Another message with the same Message-ID but no ENVID: the ENVID decides.
        await t.SendAsync(Alice, "m1@example.com", null, ("carol@remote.test", null));
        var tracking = await t.SendAsync(Alice, "other@example.com", "contract-42", ("carol@remote.test", null), ("dave@remote.test", null));

        var (messageId, match) = await t.ReceiveAsync(Alice, Fixtures.Inspect("dsn-failed-envid.eml"), At);

        Assert.True(match.IsMatched);
        Assert.Equal(tracking, match.TrackingMessageId);
        Assert.Equal(ReportStates.Matched, match.ReportState);
        var carol = await t.RowAsync(tracking, "carol@remote.test");
        Assert.Equal("failed", carol.State);
        Assert.Equal(At, carol.StateAt);
        Assert.Equal("5.1.1", carol.Status);
        Assert.Equal("550 5.1.1 <carol@remote.test>: Recipient address rejected: User unknown", carol.Diagnostic);
        Assert.Equal($"message:{messageId}", carol.Evidence);
        Assert.Equal([("queued", null, null), ("failed", "5.1.1", $"message:{messageId}")], await t.EventsAsync(carol.Id));
        Assert.Equal("queued", (await t.RowAsync(tracking, "dave@remote.test")).State); // not named in the report
    }

    [Fact]
    public async Task A_DSN_with_only_the_enclosed_headers_matches_by_Message_ID_and_keeps_Will_Retry_Until()
    {
        await using var t = await TrackingStore.OpenAsync();
        var tracking = await t.SendAsync(Alice, "m1@example.com", null, ("carol@remote.test", null), ("dave@remote.test", null));

        var (messageId, match) = await t.ReceiveAsync(Alice, Fixtures.Inspect("dsn-delayed-headers-only.eml"), At);

        Assert.True(match.IsMatched);
        var dave = await t.RowAsync(tracking, "dave@remote.test");
        Assert.Equal("delayed", dave.State);
        Assert.Equal("4.4.1", dave.Status);
        Assert.Equal(new DateTimeOffset(2025, 3, 8, 9, 59, 58, TimeSpan.Zero), dave.RetryUntil);
        Assert.Equal($"message:{messageId}", dave.Evidence);
    }

    [Fact]
    public async Task A_DSN_for_an_expanded_alias_matches_by_ORCPT()
    {
        await using var t = await TrackingStore.OpenAsync();
        // Submitted to sales@remote.test without an ORCPT of its own: the remote alias expansion reports the alias
        // as Original-Recipient (RFC 3461 §6.2.7) and the mailbox it reached as Final-Recipient.
        var tracking = await t.SendAsync(Alice, "m2@example.com", null, ("sales@remote.test", null), ("frank@remote.test", null));

        var (_, match) = await t.ReceiveAsync(Alice, Fixtures.Inspect("dsn-delivered-orcpt.eml"), At);

        Assert.Equal(1, match.Recipients);
        Assert.Equal("delivered", (await t.RowAsync(tracking, "sales@remote.test")).State);
        Assert.Equal("queued", (await t.RowAsync(tracking, "frank@remote.test")).State);
    }

    [Fact]
    public async Task The_ORCPT_the_client_gave_matches_too()
    {
        await using var t = await TrackingStore.OpenAsync();
        // The client submitted with ORCPT=rfc822;sales@remote.test to the address it resolved itself.
        var tracking = await t.SendAsync(Alice, "m2@example.com", null, ("sales-team@remote.test", "sales@remote.test"));

        var (_, match) = await t.ReceiveAsync(Alice, Fixtures.Inspect("dsn-delivered-orcpt.eml"), At);

        Assert.True(match.IsMatched);
        Assert.Equal("delivered", (await t.RowAsync(tracking, "sales-team@remote.test")).State);
    }

    [Fact]
    public async Task A_report_to_Alice_never_touches_Bobs_tracking()
    {
        await using var t = await TrackingStore.OpenAsync();
        // Bob sent a message with the very same ENVID and Message-ID.
        var bobs = await t.SendAsync(Bob, "m1@example.com", "contract-42", ("carol@remote.test", null));

        var (_, match) = await t.ReceiveAsync(Alice, Fixtures.Inspect("dsn-failed-envid.eml"), At);

        Assert.False(match.IsMatched);
        Assert.Equal(ReportStates.Unmatched, match.ReportState);
        var carol = await t.RowAsync(bobs, "carol@remote.test");
        Assert.Equal("queued", carol.State);
        Assert.Single(await t.EventsAsync(carol.Id));
    }

    [Fact]
    public async Task A_report_about_nothing_tracked_is_unmatched()
    {
        await using var t = await TrackingStore.OpenAsync();
        await t.SendAsync(Alice, "unrelated@example.com", "unrelated", ("carol@remote.test", null));

        var (_, match) = await t.ReceiveAsync(Alice, Fixtures.Inspect("qmail-bounce.eml"), At);

        Assert.False(match.IsMatched);
        Assert.Null(match.TrackingMessageId);
        Assert.NotNull(match.UnmatchedEventId); // an event of its own (EventFeedTests reads it back)
    }

    [Fact]
    public async Task A_tracked_message_without_the_reported_recipient_is_unmatched()
    {
        await using var t = await TrackingStore.OpenAsync();
        var tracking = await t.SendAsync(Alice, "m1@example.com", null, ("zoe@remote.test", null), ("yann@remote.test", null));

        var (_, match) = await t.ReceiveAsync(Alice, Fixtures.Inspect("qmail-bounce.eml"), At);

        Assert.False(match.IsMatched);
        Assert.Equal(tracking, match.TrackingMessageId);
        Assert.Equal("queued", (await t.RowAsync(tracking, "zoe@remote.test")).State);
    }

    [Fact]
    public async Task A_non_standard_bounce_matches_by_the_Message_ID_of_the_returned_copy()
    {
        await using var t = await TrackingStore.OpenAsync();
        var tracking = await t.SendAsync(Alice, "m1@example.com", null, ("carol@remote.test", null));

        var (_, match) = await t.ReceiveAsync(Alice, Fixtures.Inspect("qmail-bounce.eml"), At);

        Assert.True(match.IsMatched);
        var carol = await t.RowAsync(tracking, "carol@remote.test");
        Assert.Equal("failed", carol.State);
        Assert.Equal("5.1.1", carol.Status);
    }

    [Fact]
    public async Task One_recipient_answered_with_the_address_in_other_case_matches()
    {
        await using var t = await TrackingStore.OpenAsync();
        var tracking = await t.SendAsync(Alice, "m1@example.com", null, ("bob@remote.test", null));
        var report = Fixtures.Inspect("mdn-displayed.eml");
        report = report with { Recipients = [report.Recipients[0] with { Address = "Bob@Remote.TEST" }] };

        var (_, match) = await t.ReceiveAsync(Alice, report, At);

        Assert.True(match.IsMatched);
        Assert.Equal("displayed", (await t.RowAsync(tracking, "bob@remote.test")).ReadState);
    }

    [Fact]
    public async Task An_MDN_records_the_read_state_and_keeps_the_delivery_state()
    {
        await using var t = await TrackingStore.OpenAsync();
        var tracking = await t.SendAsync(Alice, "m1@example.com", null, ("bob@remote.test", null));

        var (messageId, _) = await t.ReceiveAsync(Alice, Fixtures.Inspect("mdn-displayed.eml"), At);

        var bob = await t.RowAsync(tracking, "bob@remote.test");
        Assert.Equal("queued", bob.State);
        Assert.Equal("displayed", bob.ReadState);
        Assert.Equal(At, bob.ReadAt);
        Assert.Equal($"message:{messageId}", bob.ReadEvidence);
        var read = (await t.EventsAsync(bob.Id))[^1];
        Assert.Equal(("mdn-displayed", null, $"message:{messageId}"), read);
        var events = await t.Store.TrackingQueries.GetEventsAsync(bob.Id, TestContext.Current.CancellationToken);
        Assert.Equal("manual-action/MDN-sent-manually; displayed", events[^1].Diagnostic); // RFC 8098 §3.2.6 as written
    }

    [Fact]
    public async Task A_later_deleted_MDN_does_not_undo_displayed()
    {
        await using var t = await TrackingStore.OpenAsync();
        var tracking = await t.SendAsync(Alice, "m1@example.com", null, ("bob@remote.test", null));

        await t.ReceiveAsync(Alice, Fixtures.Inspect("mdn-displayed.eml"), At);
        await t.ReceiveAsync(Alice, Fixtures.Inspect("mdn-deleted.eml"), At.AddHours(1));

        var bob = await t.RowAsync(tracking, "bob@remote.test");
        Assert.Equal("displayed", bob.ReadState);
        Assert.Equal(At, bob.ReadAt);
        Assert.Equal(["queued", "mdn-displayed", "mdn-deleted"], (await t.EventsAsync(bob.Id)).Select(e => e.State));
    }

    [Fact]
    public async Task A_denied_MDN_is_an_event_that_leaves_the_read_state_as_it_was()
    {
        await using var t = await TrackingStore.OpenAsync();
        var tracking = await t.SendAsync(Alice, "m1@example.com", null, ("bob@remote.test", null));

        var (deniedId, match) = await t.ReceiveAsync(Alice, Fixtures.Inspect("mdn-denied.eml"), At);

        Assert.True(match.IsMatched); // tied to the message: filed as matched, not an unmatched report
        var bob = await t.RowAsync(tracking, "bob@remote.test");
        Assert.Null(bob.ReadState); // RFC 3798 "denied" says nothing of reading: still "no receipt yet"
        Assert.Null(bob.ReadAt);
        Assert.Equal([("queued", null, null), ("mdn-denied", null, $"message:{deniedId}")], await t.EventsAsync(bob.Id));

        // A later "displayed" still counts, and a later "denied" does not undo it.
        await t.ReceiveAsync(Alice, Fixtures.Inspect("mdn-displayed.eml"), At.AddHours(1));
        await t.ReceiveAsync(Alice, Fixtures.Inspect("mdn-denied.eml"), At.AddHours(2));
        Assert.Equal("displayed", (await t.RowAsync(tracking, "bob@remote.test")).ReadState);
    }

    [Fact]
    public async Task An_unverified_denied_MDN_is_no_unverified_read_claim()
    {
        await using var t = await TrackingStore.OpenAsync();
        var tracking = await t.SendAsync(Alice, "m1@example.com", null, ("bob@remote.test", null));

        await t.ReceiveAsync(Alice, Fixtures.InspectUnverified("mdn-denied.eml"), At);

        var bob = await t.TrackedAsync(tracking, "bob@remote.test");
        Assert.Null(bob.ReadState);
        Assert.Null(bob.Unverified);
    }

    [Fact]
    public async Task A_late_delayed_after_failed_is_an_event_but_not_the_state()
    {
        await using var t = await TrackingStore.OpenAsync();
        var tracking = await t.SendAsync(Alice, "m1@example.com", "contract-42", ("carol@remote.test", null), ("dave@remote.test", null));
        var failed = Fixtures.Inspect("dsn-failed-envid.eml");
        var delayed = Fixtures.Inspect("dsn-delayed-headers-only.eml");
        // The same delay report, but about carol, arriving after her failure.
        delayed = delayed with { Recipients = [delayed.Recipients[0] with { Address = "carol@remote.test" }] };

        var (failedId, _) = await t.ReceiveAsync(Alice, failed, At);
        var (_, late) = await t.ReceiveAsync(Alice, delayed, At.AddHours(4));

        Assert.True(late.IsMatched); // matched: it is recorded as an event
        var carol = await t.RowAsync(tracking, "carol@remote.test");
        Assert.Equal("failed", carol.State);
        Assert.Equal(At, carol.StateAt);
        Assert.Equal("5.1.1", carol.Status);
        Assert.Null(carol.RetryUntil);
        Assert.Equal($"message:{failedId}", carol.Evidence);
        Assert.Equal(["queued", "failed", "delayed"], (await t.EventsAsync(carol.Id)).Select(e => e.State));
    }

    [Fact]
    public async Task A_failed_after_delayed_moves_the_state()
    {
        await using var t = await TrackingStore.OpenAsync();
        var tracking = await t.SendAsync(Alice, "m1@example.com", "contract-42", ("carol@remote.test", null), ("dave@remote.test", null));
        var delayed = Fixtures.Inspect("dsn-delayed-headers-only.eml");
        delayed = delayed with { Recipients = [delayed.Recipients[0] with { Address = "carol@remote.test" }] };

        await t.ReceiveAsync(Alice, delayed, At);
        Assert.Equal("delayed", (await t.RowAsync(tracking, "carol@remote.test")).State);
        await t.ReceiveAsync(Alice, Fixtures.Inspect("dsn-failed-envid.eml"), At.AddDays(1));

        var carol = await t.RowAsync(tracking, "carol@remote.test");
        Assert.Equal("failed", carol.State);
        Assert.Null(carol.RetryUntil); // no longer retrying
        Assert.Equal(["queued", "delayed", "failed"], (await t.EventsAsync(carol.Id)).Select(e => e.State));
    }

    [Fact]
    public async Task Evidence_must_be_in_the_users_own_mailbox()
    {
        await using var t = await TrackingStore.OpenAsync();
        var report = Fixtures.Inspect("dsn-failed-envid.eml");
        await Assert.ThrowsAsync<InvalidOperationException>(() => t.Store.Writer.WriteAsync(tx =>
        {
            var bobsMessage = MailboxRepository.Append(tx, DirectoryRepository.FindUserId(tx, Bob)!.Value, MailFolders.Inbox, "Subject: x\r\n\r\n"u8.ToArray(), string.Empty, At);
            return ReportIntake.Apply(tx, DirectoryRepository.FindUserId(tx, Alice)!.Value, Alice, report, bobsMessage, At);
        }, TestContext.Current.CancellationToken));
    }
}
