using Kakunin.Authentication.Dmarc;

namespace Kakunin.Tracking.Tests;

/// <summary>
/// Provenance of reports that come back (docs/tracking.md, "Provenance"), against a real store: what a report is
/// believed to be is read from this server's Authentication-Results stamped on it, and only a local or authenticated
/// fact moves a state. The forged DSN and MDN of issue 9 are here as unit cases; TrackingTests runs them against a
/// real server.
/// </summary>
public sealed class ProvenanceTests
{
    private const string Alice = "alice@example.com";
    private static readonly DateTimeOffset At = TrackingStore.T0.AddMinutes(10);

    [Fact]
    public async Task A_report_whose_stamped_results_vouch_for_the_recipients_domain_is_authenticated()
    {
        await using var t = await TrackingStore.OpenAsync();
        var tracking = await t.SendAsync(Alice, "m1@example.com", "contract-42", ("carol@remote.test", null));

        // Authentication-Results: mx.example.com; dkim=pass header.d=remote.test (RFC 8601), ours, on top.
        await t.ReceiveAsync(Alice, Fixtures.Inspect("dsn-failed-envid.eml", signedBy: "remote.test"), At);

        var carol = await t.TrackedAsync(tracking, "carol@remote.test");
        Assert.Equal(TrackingState.Failed, carol.State);
        Assert.Equal(Provenance.Authenticated, carol.Provenance);
        var e = (await t.Store.TrackingQueries.GetEventsAsync(carol.Id, TestContext.Current.CancellationToken))[^1];
        Assert.Equal((Provenance.Authenticated, "remote.test", "MAILER-DAEMON@mx.remote.test"), (e.Provenance, e.VouchedBy, e.ReportedBy));
    }

    [Fact]
    public async Task A_subdomain_signature_is_aligned_with_the_recipients_domain()
    {
        await using var t = await TrackingStore.OpenAsync();
        var tracking = await t.SendAsync(Alice, "m1@example.com", "contract-42", ("carol@remote.test", null));

        await t.ReceiveAsync(Alice, Fixtures.Inspect("dsn-failed-envid.eml", signedBy: "mx.remote.test"), At); // RFC 7489 §3.1 relaxed

        Assert.Equal(Provenance.Authenticated, (await t.TrackedAsync(tracking, "carol@remote.test")).Provenance);
    }

    [Fact]
    public async Task An_unsigned_DSN_is_kept_as_an_unverified_event_and_changes_nothing()
    {
        await using var t = await TrackingStore.OpenAsync();
        var tracking = await t.SendAsync(Alice, "m1@example.com", "contract-42", ("carol@remote.test", null));

        var (messageId, match) = await t.ReceiveAsync(Alice, Fixtures.InspectUnverified("dsn-failed-envid.eml"), At);

        Assert.True(match.IsMatched); // still matched and filed as evidence: a person may judge it
        var carol = await t.TrackedAsync(tracking, "carol@remote.test");
        Assert.Equal(TrackingState.Queued, carol.State);
        Assert.Equal(Provenance.Local, carol.Provenance);
        Assert.Equal(new UnverifiedClaim(TrackingState.Failed, "MAILER-DAEMON@mx.remote.test", At), carol.Unverified);
        var e = (await t.Store.TrackingQueries.GetEventsAsync(carol.Id, TestContext.Current.CancellationToken))[^1];
        Assert.Equal((TrackingState.Failed, Provenance.Unverified, $"message:{messageId}", "5.1.1"), (e.State, e.Provenance, e.Evidence, e.Status));
    }

    [Theory]
    [InlineData("mx.example.com; dkim=pass header.d=evil.test")]          // a signature, but not the recipient's side
    [InlineData("mx.example.com; spf=pass smtp.mailfrom=evil.test")]
    [InlineData("mx.example.com; dkim=fail header.d=remote.test")]        // the right domain, a signature that failed
    [InlineData("mx.other.test; dkim=pass header.d=remote.test")]         // somebody else's results, not ours (RFC 8601 §5)
    public async Task Results_that_do_not_vouch_for_the_recipient_leave_a_report_unverified(string stamped)
    {
        await using var t = await TrackingStore.OpenAsync();
        var tracking = await t.SendAsync(Alice, "m1@example.com", "contract-42", ("carol@remote.test", null));
        var report = ReportIntake.Inspect(Fixtures.Stamped(Fixtures.Load("dsn-failed-envid.eml"), stamped), Fixtures.HostName)!;

        await t.ReceiveAsync(Alice, report, At);

        var carol = await t.TrackedAsync(tracking, "carol@remote.test");
        Assert.Equal((TrackingState.Queued, TrackingState.Failed), (carol.State, carol.Unverified?.State));
    }

    [Fact]
    public async Task A_report_vouched_for_by_the_host_we_handed_the_message_to_is_authenticated()
    {
        await using var t = await TrackingStore.OpenAsync();
        var tracking = await t.SendAsync(Alice, "m1@example.com", "contract-42", ("carol@remote.test", null));
        await t.HandedToAsync(tracking, "carol@remote.test", "smtp.relay-provider.test");

        await t.ReceiveAsync(Alice, Fixtures.Inspect("dsn-failed-envid.eml", signedBy: "relay-provider.test"), At);

        var carol = await t.TrackedAsync(tracking, "carol@remote.test");
        Assert.Equal((TrackingState.Failed, Provenance.Authenticated), (carol.State, carol.Provenance));
    }

    [Fact]
    public async Task A_local_recipients_read_state_never_comes_from_an_MDN_from_outside()
    {
        await using var t = await TrackingStore.OpenAsync();
        var tracking = await t.SendAsync(Alice, "m1@example.com", null, ("bob@example.com", null));
        var forged = Fixtures.Inspect("mdn-displayed.eml", signedBy: "example.com"); // even one that seems signed by us
        forged = forged with { Recipients = [forged.Recipients[0] with { Address = "bob@example.com" }] };

        await t.ReceiveAsync(Alice, forged, At);

        var bob = await t.TrackedAsync(tracking, "bob@example.com");
        Assert.Null(bob.ReadState);
        Assert.Equal(Provenance.Authenticated, (await t.Store.TrackingQueries.GetEventsAsync(bob.Id, TestContext.Current.CancellationToken))[^1].Provenance);
    }

    [Fact]
    public async Task The_readers_own_MDN_submitted_here_is_local_and_marks_them_read()
    {
        await using var t = await TrackingStore.OpenAsync();
        var tracking = await t.SendAsync(Alice, "m1@example.com", null, ("bob@example.com", null));
        var mdn = Fixtures.InspectUnverified("mdn-displayed.eml");
        mdn = mdn with { Recipients = [mdn.Recipients[0] with { Address = "bob@example.com" }] };

        await t.ReceiveAsync(Alice, mdn, At, new ReportOrigin("Bob@Example.com", PublicSuffixList.BuiltIn));

        var bob = await t.TrackedAsync(tracking, "bob@example.com");
        Assert.Equal((TrackingState.Displayed, Provenance.Local), (bob.ReadState, bob.ReadProvenance));
    }

    [Fact]
    public async Task A_local_user_cannot_report_for_somebody_else()
    {
        await using var t = await TrackingStore.OpenAsync();
        var tracking = await t.SendAsync(Alice, "m1@example.com", null, ("bob@remote.test", null));

        await t.ReceiveAsync(Alice, Fixtures.InspectUnverified("mdn-displayed.eml"), At, new ReportOrigin(Alice, PublicSuffixList.BuiltIn));

        var bob = await t.TrackedAsync(tracking, "bob@remote.test");
        Assert.Null(bob.ReadState);
        Assert.Equal(TrackingState.Displayed, bob.Unverified?.State);
    }

    [Theory]
    [InlineData("mx.remote.test", "remote.test")]
    [InlineData("remote.test", "remote.test")]
    [InlineData("mail.example.co.uk", "example.co.uk")]
    [InlineData("Example.COM.", "example.com")]
    public void The_built_in_organizational_domains_keep_a_registry_suffix_whole(string domain, string organizational) =>
        Assert.Equal(organizational, PublicSuffixList.BuiltIn.Of(domain));
}
