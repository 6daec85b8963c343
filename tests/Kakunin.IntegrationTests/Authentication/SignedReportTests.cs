using Kakunin.Authentication;
using Kakunin.IntegrationTests.Peers;
using Kakunin.Reports.Dsn;
using Kakunin.Store;
using Kakunin.Tracking;
using MailKit;
using MimeKit;

namespace Kakunin.IntegrationTests.Authentication;

/// <summary>
/// Issue 9, end to end: a report Postfix writes and OpenDKIM signs for peer.test (key published in NSD) reaches Kakunin
/// over port 25 from an untrusted peer; Kakunin verifies the signature through the same NSD (--dns-servers), stamps
/// dkim=pass, and the tracking of the recipient it speaks for moves, with provenance "authenticated". Kakunin's queue
/// alone would say "relayed" (Postfix accepted the message); only the believed report can say more.
/// </summary>
public sealed class SignedReportTests(DkimPeerFixture fixture, ITestOutputHelper output) : IClassFixture<DkimPeerFixture>
{
    private const string AuthservId = "mx.example.test";

    private KakuninProcess Kakunin => fixture.Kakunin;

    [Fact]
    public async Task A_postfix_bounce_signed_by_opendkim_is_stamped_dkim_pass_and_fails_the_recipient_as_authenticated()
    {
        // Postfix takes the recipient at RCPT (Kakunin relays, "relayed"), then bounces it: a DSN from Postfix itself.
        var nobody = $"nosuch-{Guid.NewGuid():N}@peer.test";
        var (dsn, tracked, events) = await SendAndAwaitPostfixDsnAsync(nobody, DeliveryStatusNotification.Failure);

        var report = DsnParser.TryParse(dsn)!;
        Assert.Equal("mx.peer.test", report.ReportingMta.Name); // written by Postfix, not by Kakunin
        Assert.Equal(DsnAction.Failed, Assert.Single(report.Recipients).Action);
        AssertVouchedByOpenDkimOnly(dsn);
        // python3-dkim, a second verifier, agrees on the bytes as Kakunin stored them.
        var (allPass, lines) = await DkimPy.VerifyAsync(Bytes(dsn), fixture.Dns);
        Assert.True(allPass, string.Join('\n', lines));

        // The tracking row: failed, with Postfix's words, believed because peer.test's signature vouched for it.
        Assert.Equal(("failed", "5.1.1", "authenticated"), (tracked.State, tracked.Status, tracked.Provenance));
        Assert.Contains("unknown user", tracked.Diagnostic, StringComparison.OrdinalIgnoreCase);
        Assert.Null(tracked.UnverifiedState);
        var claim = events.Single(e => e.Evidence == tracked.Evidence);
        Assert.Equal(("failed", "authenticated", "peer.test"), (claim.State, claim.Provenance, claim.VouchedBy));
        Assert.Equal(["queued", "relayed", "failed"], events.Select(e => e.State));
        // Kakunin handed it to the MX host by name, whose address came from NSD (--dns-servers), not the system resolver.
        Assert.Equal("mx.peer.test", events.Single(e => e.State == "relayed").Evidence);
    }

    [Fact]
    public async Task A_postfix_success_dsn_signed_by_opendkim_moves_the_recipient_to_delivered_as_authenticated()
    {
        var (dsn, tracked, events) = await SendAndAwaitPostfixDsnAsync("carol@peer.test", DeliveryStatusNotification.Success | DeliveryStatusNotification.Failure);

        Assert.Equal(DsnAction.Delivered, Assert.Single(DsnParser.TryParse(dsn)!.Recipients).Action);
        AssertVouchedByOpenDkimOnly(dsn);
        Assert.Equal(("delivered", "2.0.0", "authenticated"), (tracked.State, tracked.Status, tracked.Provenance));
        var claim = events.Single(e => e.Evidence == tracked.Evidence);
        Assert.Equal(("delivered", "authenticated", "peer.test"), (claim.State, claim.Provenance, claim.VouchedBy));
    }

    /// <summary>
    /// Alice sends to <paramref name="to"/> through Kakunin with <paramref name="notify"/> and a fresh ENVID; returns the
    /// DSN Postfix sends back, as stored in Alice's Inbox, and the recipient's tracking row and events once it matched.
    /// </summary>
    private async Task<(MimeMessage Dsn, TrackedRow Tracked, List<(string State, string? Provenance, string? ReportedBy, string? Evidence, string? VouchedBy)> Events)>
        SendAndAwaitPostfixDsnAsync(string to, DeliveryStatusNotification notify)
    {
        var envid = "signed-" + Guid.NewGuid().ToString("N");
        await DsnSmtpClient.SubmitAsync(Kakunin, ServerFixture.Alice, to, ServerFixture.Unique("report wanted"), notify, envid);
        var dsn = await Kakunin.WaitForMessageAsync(ServerFixture.Alice, MailFolders.Inbox,
            m => DsnParser.TryParse(m)?.OriginalEnvelopeId == envid, $"Postfix's DSN for {to} in Alice's Inbox\n{fixture.Logs()}");
        output.WriteLine(string.Join("\n", dsn.Headers.Select(h => $"{h.Field}: {h.Value}")));

        TrackedRow? tracked = null;
        await Kakunin.WaitForAsync(async () => (tracked = await ServerDatabase.TrackedAsync(Kakunin, ServerFixture.Alice, to))?.Evidence?.StartsWith("message:", StringComparison.Ordinal) == true,
            $"the DSN recorded as evidence for {to}");
        Assert.Equal((MailFolders.Inbox, ReportStates.Matched), await ServerDatabase.StoredAsync(Kakunin, ServerDatabase.EvidenceMessageId(tracked!.Evidence)));
        // Kakunin handed the message over and reported nothing itself: the one report is Postfix's.
        await Kakunin.WaitForEmptyQueueAsync();
        Assert.Single(await Kakunin.FolderAsync(ServerFixture.Alice, MailFolders.Inbox), m => DsnParser.TryParse(m)?.OriginalEnvelopeId == envid);
        return (dsn, tracked, await ServerDatabase.EventsAsync(Kakunin, tracked.Id));
    }

    /// <summary>Kakunin's verdict on the report: OpenDKIM's peer.test signature passes; SPF (the HELO mx.peer.test, as the
    /// DSN comes from &lt;&gt;) does not pass, so the signature alone vouched for it.</summary>
    private static void AssertVouchedByOpenDkimOnly(MimeMessage dsn)
    {
        var verdict = MessageAuthentication.FromHeaders(dsn.Headers, AuthservId);
        Assert.NotNull(verdict);
        Assert.Null(verdict.AuthenticatedUser); // checked as mail from the internet, not trusted as submitted
        Assert.Equal(new DkimCheck(AuthResult.Pass, "peer.test", "peer", "rsa-sha256"), Assert.Single(verdict.Dkim));
        Assert.Equal(new SpfCheck(AuthResult.None, "mx.peer.test", "helo"), verdict.Spf);
        Assert.Equal("MAILER-DAEMON@mx.peer.test", dsn.From.Mailboxes.Single().Address);
    }

    private static byte[] Bytes(MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        return stream.ToArray();
    }
}
