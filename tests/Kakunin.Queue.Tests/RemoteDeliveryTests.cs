using Kakunin.Protocol;
using Kakunin.Reports.Dsn;
using Kakunin.Smtp.Client;
using Kakunin.Store;

namespace Kakunin.Queue.Tests;

public sealed class RemoteDeliveryTests
{
    private static readonly SmtpReply Rejected = new(550, EnhancedStatusCodes.BadDestinationMailbox, "5.1.1 <y@elsewhere.test>: Recipient address rejected: User unknown");
    private static readonly SmtpReply Greylisted = new(451, new EnhancedStatusCode(4, 7, 1), "Greylisted, try again later");

    [Fact]
    public async Task Parameters_travel_on_unchanged_to_the_next_hop()
    {
        await using var f = await QueueFixture.CreateAsync();
        await f.SubmitAsync(QueueFixture.Submission("alice@example.com"), QueueFixture.From("alice@example.com", envid: "e1", ret: DsnReturn.Full), QueueFixture.To("y@elsewhere.test", DsnNotify.Success | DsnNotify.Failure, orcpt: true));
        await f.RunAsync();
        var call = Assert.Single(f.Transport.Calls);
        Assert.Equal("elsewhere.test", call.Domain);
        Assert.Equal("alice@example.com", call.ReversePath);
        Assert.Equal("e1", call.EnvelopeId);
        Assert.Equal(DsnReturn.Full, call.Return);
        var r = Assert.Single(call.Recipients);
        Assert.Equal(DsnNotify.Success | DsnNotify.Failure, r.Notify);
        Assert.Equal("rfc822;y@elsewhere.test", r.OriginalRecipientParameter);
        Assert.Empty(await f.QueuedDsnsAsync()); // the DSN-capable hop reports success itself
    }

    [Fact]
    public async Task A_5xx_gives_a_failure_DSN_with_the_remote_words()
    {
        await using var f = await QueueFixture.CreateAsync();
        f.Transport.Handler = (_, r) => new(r.Address, RecipientOutcomeKind.PermanentFailure, Rejected, null, "mx.elsewhere.test", true);
        await f.SubmitAsync(QueueFixture.Submission("alice@example.com"), QueueFixture.From("alice@example.com"), QueueFixture.To("y@elsewhere.test"));
        await f.RunAsync();

        var dsn = Assert.Single(await f.DsnsInInboxAsync("alice@example.com"));
        var r = Assert.Single(dsn.Recipients);
        Assert.Equal(DsnAction.Failed, r.Action);
        Assert.Equal(EnhancedStatusCodes.BadDestinationMailbox, r.Status);
        Assert.Equal("smtp", r.DiagnosticCode?.Type);
        Assert.Contains("Recipient address rejected: User unknown", r.DiagnosticCode?.Text, StringComparison.Ordinal);
        Assert.Equal("mx.elsewhere.test", r.RemoteMta?.Name);
    }

    [Fact]
    public async Task A_connection_lost_after_the_final_dot_is_recorded_as_4_4_2_as_the_transport_decided()
    {
        // RFC 3463 §3.5: X.4.2 "bad connection"; the transport sets it when the session dies after MAIL was accepted.
        await using var f = await QueueFixture.CreateAsync();
        f.Transport.Handler = (_, r) => new(r.Address, RecipientOutcomeKind.TransientFailure, null, "connection to mx.elsewhere.test lost", "mx.elsewhere.test", true, EnhancedStatusCodes.BadConnection);
        await f.SubmitAsync(QueueFixture.Submission("alice@example.com"), QueueFixture.From("alice@example.com"), QueueFixture.To("y@elsewhere.test"));
        await f.RunAsync();

        var (_, recipients) = (await f.Store.Queue.FindAsync((await f.Store.Queue.ListMessagesAsync(TestContext.Current.CancellationToken))[0].QueueId, TestContext.Current.CancellationToken))!.Value;
        var r = Assert.Single(recipients);
        Assert.Equal(RecipientState.Deferred, r.State);
        Assert.Equal("4.4.2", r.Status);
        Assert.Equal("connection to mx.elsewhere.test lost", r.Diagnostic);
    }

    [Fact]
    public async Task A_null_MX_fails_with_5_1_10_not_the_undefined_5_0_0()
    {
        // RFC 7505 §4.2 and RFC 3463 (as updated by RFC 7505): a domain that accepts no mail is 5.1.10.
        await using var f = await QueueFixture.CreateAsync();
        f.Transport.Handler = (_, r) => new(r.Address, RecipientOutcomeKind.PermanentFailure, null, "elsewhere.test accepts no mail (null MX)", null, false, new EnhancedStatusCode(5, 1, 10));
        await f.SubmitAsync(QueueFixture.Submission("alice@example.com"), QueueFixture.From("alice@example.com"), QueueFixture.To("y@elsewhere.test"));
        await f.RunAsync();

        var dsn = Assert.Single(await f.DsnsInInboxAsync("alice@example.com"));
        Assert.Equal(new EnhancedStatusCode(5, 1, 10), Assert.Single(dsn.Recipients).Status);
    }

    [Fact]
    public async Task NOTIFY_NEVER_gives_no_DSN()
    {
        await using var f = await QueueFixture.CreateAsync();
        f.Transport.Handler = (_, r) => new(r.Address, RecipientOutcomeKind.PermanentFailure, Rejected, null, "mx.elsewhere.test", true);
        await f.SubmitAsync(QueueFixture.Submission("alice@example.com"), QueueFixture.From("alice@example.com"), QueueFixture.To("y@elsewhere.test", DsnNotify.Never));
        await f.RunAsync();
        Assert.Empty(await f.QueuedDsnsAsync());
        var (_, recipients) = (await f.Store.Queue.FindAsync((await f.Store.Queue.ListMessagesAsync(TestContext.Current.CancellationToken))[0].QueueId, TestContext.Current.CancellationToken))!.Value;
        Assert.Equal(RecipientState.Failed, Assert.Single(recipients).State);
    }

    [Fact]
    public async Task A_next_hop_without_DSN_gives_a_relayed_DSN_when_SUCCESS_was_asked()
    {
        await using var f = await QueueFixture.CreateAsync();
        f.Transport.Handler = (_, r) => new(r.Address, RecipientOutcomeKind.Accepted, new SmtpReply(250, EnhancedStatusCodes.Success, "queued as ABC"), null, "mx.old.test", RemoteOffersDsn: false);
        await f.SubmitAsync(QueueFixture.Submission("alice@example.com"), QueueFixture.From("alice@example.com"), QueueFixture.To("y@old.test", DsnNotify.Success | DsnNotify.Failure));
        await f.RunAsync();
        var r = Assert.Single(Assert.Single(await f.DsnsInInboxAsync("alice@example.com")).Recipients);
        Assert.Equal(DsnAction.Relayed, r.Action);
        Assert.Equal(2, r.Status?.Class);
    }

    [Fact]
    public async Task A_4xx_is_retried_on_schedule_then_one_delay_DSN_then_failure_at_expiry()
    {
        await using var f = await QueueFixture.CreateAsync();
        f.Transport.Handler = (_, r) => new(r.Address, RecipientOutcomeKind.TransientFailure, Greylisted, null, "mx.slow.test", true);
        await f.SubmitAsync(QueueFixture.Submission("alice@example.com"), QueueFixture.From("alice@example.com"), QueueFixture.To("y@slow.test", DsnNotify.Failure | DsnNotify.Delay));

        await f.RunAsync();
        Assert.Single(f.Transport.Calls);

        // 4m59s later nothing is due; at 5m the second attempt; then 10m, 20m, 40m, 80m, then every 2h.
        f.Time.Advance(TimeSpan.FromMinutes(4));
        await f.RunAsync();
        Assert.Single(f.Transport.Calls);
        f.Time.Advance(TimeSpan.FromMinutes(1));
        await f.RunAsync();
        Assert.Equal(2, f.Transport.Calls.Count);
        foreach (var wait in new[] { 10, 20, 40, 80 })
        {
            f.Time.Advance(TimeSpan.FromMinutes(wait));
            await f.RunAsync();
        }

        Assert.Equal(6, f.Transport.Calls.Count); // at 0, 5m, 15m, 35m, 1h15m, 2h35m
        Assert.Empty(await f.QueuedDsnsAsync()); // not yet past the 4h warning time

        f.Time.Advance(TimeSpan.FromHours(2)); // 4h35m: past the warning time
        await f.RunAsync();
        var delay = Assert.Single(await f.DsnsInInboxAsync("alice@example.com"));
        Assert.Equal(DsnAction.Delayed, Assert.Single(delay.Recipients).Action);
        Assert.Equal(QueueFixture.Start + TimeSpan.FromDays(5), Assert.Single(delay.Recipients).WillRetryUntil);

        // Keep failing until the 5-day lifetime runs out: exactly one delay DSN, then one failure DSN.
        while (f.Time.GetUtcNow() < QueueFixture.Start + TimeSpan.FromDays(5))
        {
            f.Time.Advance(TimeSpan.FromHours(2));
            await f.RunAsync();
        }

        var dsns = await f.DsnsInInboxAsync("alice@example.com");
        Assert.Equal([DsnAction.Delayed, DsnAction.Failed], dsns.Select(d => Assert.Single(d.Recipients).Action));
        var failed = dsns[1].Recipients[0];
        Assert.Equal(new EnhancedStatusCode(4, 7, 1), failed.Status);
        Assert.Contains("Greylisted", failed.DiagnosticCode?.Text, StringComparison.Ordinal);

        var callsAtExpiry = f.Transport.Calls.Count;
        f.Time.Advance(TimeSpan.FromHours(2));
        await f.RunAsync();
        Assert.Equal(callsAtExpiry, f.Transport.Calls.Count);
        Assert.Equal(0, await f.Store.Queue.CountOpenRecipientsAsync(TestContext.Current.CancellationToken));
    }
}
