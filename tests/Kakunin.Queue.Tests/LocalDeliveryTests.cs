using System.Text;
using Kakunin.Authentication;
using Kakunin.Authentication.Dkim;
using Kakunin.Tracking;
using Kakunin.Protocol;
using Kakunin.Reports.Dsn;
using Kakunin.Store;

namespace Kakunin.Queue.Tests;

public sealed class LocalDeliveryTests
{
    [Fact]
    public async Task Local_delivery_lands_once_and_a_success_DSN_reaches_the_sender()
    {
        await using var f = await QueueFixture.CreateAsync();
        var reply = await f.SubmitAsync(
            QueueFixture.Submission("alice@example.com"),
            QueueFixture.From("alice@example.com", envid: "env-42"),
            QueueFixture.To("bob@example.com", DsnNotify.Success | DsnNotify.Failure, orcpt: true));
        Assert.Equal(250, reply.Code);
        Assert.Single(await f.Store.Mailboxes.ListAsync("alice@example.com", MailFolders.Sent, TestContext.Current.CancellationToken));

        await f.RunAsync();
        await f.RunAsync();

        Assert.Single(await f.InboxAsync("bob@example.com"));
        var dsn = Assert.Single(await f.DsnsInInboxAsync("alice@example.com"));
        var r = Assert.Single(dsn.Recipients);
        Assert.Equal(DsnAction.Delivered, r.Action);
        Assert.Equal("env-42", dsn.OriginalEnvelopeId);
        Assert.Equal(new TypedAddress("rfc822", "bob@example.com"), r.OriginalRecipient);
        Assert.Equal("bob@example.com", r.FinalRecipient.Address);

        var tracking = await f.Store.TrackingQueries.GetByQueueIdAsync((await f.Store.Queue.ListMessagesAsync(TestContext.Current.CancellationToken))[0].QueueId, TestContext.Current.CancellationToken);
        Assert.NotNull(tracking);
        Assert.Equal("m1@example.com", tracking.MessageId);
        Assert.Equal("Contract", tracking.Subject);
        var tr = Assert.Single(tracking.Recipients);
        Assert.Equal(TrackingState.Delivered, tr.State);
        Assert.Equal(Provenance.Local, tr.Provenance);
        // Our own DSN, once in Alice's Inbox, is the evidence; the timeline shows the outcome once, with the DSN's queue id.
        var dsnMessage = Assert.Single(await f.InboxAsync("alice@example.com"));
        Assert.Equal($"message:{dsnMessage.Id}", tr.Evidence);
        var events = await f.Store.TrackingQueries.GetEventsAsync(tr.Id, TestContext.Current.CancellationToken);
        Assert.Equal([TrackingState.Queued, TrackingState.Delivered], events.Select(e => e.State));
        var dsnQueued = Assert.Single(await f.QueuedDsnsAsync());
        Assert.Equal($"dsn:{dsnQueued.QueueId}", events[1].Evidence);
    }

    [Fact]
    public async Task A_sender_who_chose_Japanese_gets_the_report_in_Japanese()
    {
        await using var f = await QueueFixture.CreateAsync();
        var ct = TestContext.Current.CancellationToken;
        await f.Store.Settings.SaveUserAsync("alice@example.com", Kakunin.Store.Settings.UserSettings.Default with { Language = "ja" }, ct);
        await f.SubmitAsync(QueueFixture.Submission("alice@example.com"), QueueFixture.From("alice@example.com"), QueueFixture.To("bob@example.com", DsnNotify.Success));

        await f.RunAsync();
        await f.RunAsync();

        var report = Assert.Single(await f.InboxAsync("alice@example.com"));
        var text = System.Text.Encoding.UTF8.GetString(report.Content.Span);
        var mime = MimeKit.MimeMessage.Load(new MemoryStream(report.Content.ToArray()));
        Assert.StartsWith("配送完了のお知らせ", mime.Subject, StringComparison.Ordinal);
        Assert.Contains("Content-Language: ja", text, StringComparison.Ordinal); // RFC 3282 on the human-readable part
    }

    [Fact]
    public async Task A_finished_message_keeps_only_its_header_section_in_the_queue()
    {
        await using var f = await QueueFixture.CreateAsync();
        await f.SubmitAsync(QueueFixture.Submission("alice@example.com"), QueueFixture.From("alice@example.com"), QueueFixture.To("bob@example.com"));
        await f.RunAsync();

        var queued = Assert.Single(await f.Store.Queue.ListMessagesAsync(TestContext.Current.CancellationToken));
        var content = System.Text.Encoding.UTF8.GetString(await f.Store.Queue.GetContentAsync(queued.Id, TestContext.Current.CancellationToken));
        Assert.EndsWith("\r\n\r\n", content, StringComparison.Ordinal);
        Assert.Contains("Subject: Contract\r\n", content, StringComparison.Ordinal);
        // The body lives on in Bob's mailbox only.
        var delivered = System.Text.Encoding.UTF8.GetString(Assert.Single(await f.InboxAsync("bob@example.com")).Content.Span);
        Assert.EndsWith(content, delivered[..(delivered.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)], StringComparison.Ordinal);
        Assert.True(delivered.Length > content.Length);
    }

    [Fact]
    public async Task No_success_DSN_unless_SUCCESS_was_asked()
    {
        await using var f = await QueueFixture.CreateAsync();
        await f.SubmitAsync(QueueFixture.Submission("alice@example.com"), QueueFixture.From("alice@example.com"), QueueFixture.To("bob@example.com"));
        await f.RunAsync();
        Assert.Single(await f.InboxAsync("bob@example.com"));
        Assert.Empty(await f.QueuedDsnsAsync());
    }

    [Fact]
    public async Task Success_DSNs_are_not_sent_to_unverified_inbound_senders()
    {
        await using var f = await QueueFixture.CreateAsync();
        await f.SubmitAsync(QueueFixture.Inbound, QueueFixture.From("x@other.test"), QueueFixture.To("bob@example.com", DsnNotify.Success));
        await f.RunAsync();
        Assert.Single(await f.InboxAsync("bob@example.com"));
        Assert.Empty(await f.QueuedDsnsAsync());
        Assert.Empty(f.Transport.Calls);
    }

    // The verdict comes from the real checks at our SMTP edge (InboundAuthentication over an in-memory zone), so each
    // case also asserts what was stamped: the DSN is sent, or not, for the reason the case names.
    [Theory]
    [InlineData("SPF pass", "spf=pass")]                                                          // RFC 7208 §2.4: MAIL FROM's domain
    [InlineData("DKIM, d=other.test", "spf=none dkim=pass header.d=other.test")]                  // RFC 6376: signed by the sender's domain
    [InlineData("DKIM, d=mail.other.test", "spf=none dkim=pass header.d=mail.other.test")]        // relaxed alignment, RFC 7489 §3.1.1
    public async Task Success_DSNs_go_to_internet_senders_that_SPF_or_an_aligned_DKIM_pass_vouches_for(string arrangement, string checks)
    {
        await using var f = await QueueFixture.CreateAsync(authenticate: true);
        var content = FromOtherTest(f, arrangement);
        Assert.Equal(250, (await f.SubmitRawAsync(QueueFixture.Inbound, QueueFixture.From("x@other.test"), content, QueueFixture.To("bob@example.com", DsnNotify.Success))).Code);
        await f.RunAsync();
        Assert.Equal(checks, Checks(f.VerdictOn(Assert.Single(await f.InboxAsync("bob@example.com")))));
        var dsn = Assert.Single(await f.QueuedDsnsAsync());
        Assert.Equal(string.Empty, dsn.ReversePath); // RFC 3461 §6.1: from <>
    }

    [Theory]
    [InlineData("SPF softfail", "spf=softfail")]                                                  // RFC 7208 §2.6.5: not authorised, weakly
    [InlineData("DKIM, d=elsewhere.test", "spf=none dkim=pass header.d=elsewhere.test")]          // a good signature, not the sender's domain
    [InlineData("DKIM, key not in DNS", "spf=none dkim=permerror header.d=other.test")]           // RFC 6376 §6.1.2
    [InlineData("DKIM, body altered after signing", "spf=none dkim=fail header.d=other.test")]    // RFC 6376 §6.1.3: body hash differs
    [InlineData("forged Authentication-Results of ours", "spf=none")]                             // removed at the edge, RFC 8601 §5
    [InlineData("Authentication-Results of another server", "spf=none")]                          // not ours, never read (RFC 8601 §5)
    public async Task Success_DSNs_are_not_sent_when_nothing_vouches_for_the_MAIL_FROM_domain(string arrangement, string checks)
    {
        await using var f = await QueueFixture.CreateAsync(authenticate: true);
        var content = FromOtherTest(f, arrangement);
        Assert.Equal(250, (await f.SubmitRawAsync(QueueFixture.Inbound, QueueFixture.From("x@other.test"), content, QueueFixture.To("bob@example.com", DsnNotify.Success))).Code);
        await f.RunAsync();
        Assert.Equal(checks, Checks(f.VerdictOn(Assert.Single(await f.InboxAsync("bob@example.com")))));
        Assert.Empty(await f.QueuedDsnsAsync());
    }

    /// <summary>A message from x@other.test to Bob, signed and with DNS records as <paramref name="arrangement"/> says.</summary>
    private static byte[] FromOtherTest(QueueFixture f, string arrangement)
    {
        var message = QueueFixture.Content("x@other.test", "bob@example.com");
        static byte[] Prepended(string field, byte[] message) => [.. QueueFixture.Crlf(field + "\n"), .. message];
        switch (arrangement)
        {
            case "SPF pass":
                f.Dns.Txt("other.test", $"v=spf1 ip4:{QueueFixture.InboundAddress} -all"); // RFC 7208 §5.6
                return message;
            case "SPF softfail":
                f.Dns.Txt("other.test", "v=spf1 ~all");
                return message;
            case "DKIM, d=other.test":
                return RemoteSigner.Sign(message, "other.test", f.Dns, DkimAlgorithms.RsaSha256);
            case "DKIM, d=mail.other.test":
                return RemoteSigner.Sign(message, "mail.other.test", f.Dns);
            case "DKIM, d=elsewhere.test":
                return RemoteSigner.Sign(message, "elsewhere.test", f.Dns);
            case "DKIM, key not in DNS":
                return RemoteSigner.Sign(message, "other.test", publishIn: null);
            case "DKIM, body altered after signing":
                var signed = Encoding.ASCII.GetString(RemoteSigner.Sign(message, "other.test", f.Dns));
                return Encoding.ASCII.GetBytes(signed.Replace("\r\n\r\nHello.", "\r\n\r\nHello again.", StringComparison.Ordinal));
            case "forged Authentication-Results of ours":
                return Prepended("Authentication-Results: mx.example.com; spf=pass smtp.mailfrom=x@other.test; dkim=pass header.d=other.test", message);
            case "Authentication-Results of another server":
                return Prepended("Authentication-Results: mx.other.test; spf=pass smtp.mailfrom=x@other.test; dkim=pass header.d=other.test", message);
            default:
                throw new ArgumentOutOfRangeException(nameof(arrangement), arrangement, null);
        }
    }

    /// <summary>The parts of our verdict the cases turn on, in RFC 8601 words: SPF's result, each signature's result and d=.</summary>
    private static string Checks(MessageAuthentication? verdict) =>
        verdict is null
            ? "no Authentication-Results of ours"
            : string.Join(' ', [$"spf={verdict.Spf?.Result.Word() ?? "(not checked)"}", .. verdict.Dkim.Select(d => $"dkim={d.Result.Word()} header.d={d.Domain}")]);

    [Fact]
    public async Task An_alias_with_several_targets_is_expanded_and_reported_expanded()
    {
        await using var f = await QueueFixture.CreateAsync();
        await f.SubmitAsync(
            QueueFixture.Submission("alice@example.com"),
            QueueFixture.From("alice@example.com"),
            QueueFixture.To("team@example.com", DsnNotify.Success | DsnNotify.Failure));
        await f.RunAsync();

        Assert.Single(await f.InboxAsync("bob@example.com"));
        Assert.Single(await f.InboxAsync("carol@example.com"));
        var dsn = Assert.Single(await f.DsnsInInboxAsync("alice@example.com"));
        var r = Assert.Single(dsn.Recipients);
        Assert.Equal(DsnAction.Expanded, r.Action); // RFC 3464 §2.3.3; SUCCESS is not passed on to the targets
        Assert.Equal("team@example.com", r.FinalRecipient.Address);
    }

    [Fact]
    public async Task A_message_with_the_null_reverse_path_never_gets_a_DSN()
    {
        await using var f = await QueueFixture.CreateAsync();
        f.Transport.Handler = (_, r) => new(r.Address, Kakunin.Smtp.Client.RecipientOutcomeKind.PermanentFailure, new SmtpReply(550, EnhancedStatusCodes.BadDestinationMailbox, "No such user"), null, "mx.remote.test", true);
        await f.SubmitAsync(QueueFixture.Submission("alice@example.com"), QueueFixture.From(null), QueueFixture.To("y@elsewhere.test", DsnNotify.Failure | DsnNotify.Success));
        await f.RunAsync();
        Assert.Single(f.Transport.Calls);
        Assert.Empty(await f.QueuedDsnsAsync());
    }
}
