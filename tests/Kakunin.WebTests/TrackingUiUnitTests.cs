using Kakunin.Protocol;
using Kakunin.Reports.Analysis;
using Kakunin.Reports.Receipts;
using Kakunin.Store;
using Kakunin.Store.Settings;
using Kakunin.Tracking;
using Kakunin.Web.Ui;
using Kakunin.Web.Ui.Language;
using Kakunin.Web.Ui.Receipts;
using Kakunin.Web.Ui.Settings;
using Kakunin.Web.Ui.Text;
using Kakunin.Web.Ui.Tracking;
using Microsoft.AspNetCore.Html;

namespace Kakunin.WebTests;

/// <summary>The pure parts of the tracking, read-receipt and settings pages: words, reasons, evidence, queries.</summary>
public sealed class TrackingUiUnitTests
{
    private static readonly UiText En = UiText.En;
    private static readonly UiText Ja = UiText.Ja;

    [Fact]
    public void Every_bounce_reason_has_its_own_words_in_both_languages()
    {
        AssertDistinct(Enum.GetValues<BounceReason>(), r => En.TrackBounceReason(r), r => Ja.TrackBounceReason(r));
    }

    [Fact]
    public void Every_receipt_reason_of_the_reports_library_has_its_own_words_in_both_languages()
    {
        AssertDistinct(Enum.GetValues<ReceiptReason>(), r => En.ReceiptWhy(r), r => Ja.ReceiptWhy(r));
        Assert.Equal("the requester is outside your organisation", En.ReceiptWhy(ReceiptReason.OutsideOrganisation));
        Assert.Equal("you are not in To or Cc", En.ReceiptWhy(ReceiptReason.NotInToOrCc));
        Assert.Equal("the notification address differs from the return path", En.ReceiptWhy(ReceiptReason.ReturnPathMismatch));
    }

    [Fact]
    public void Every_state_has_its_own_words_in_both_languages()
    {
        // Deferred (our queue) and delayed (a remote report) are one word for the sender: TrackedStates.Shown.
        AssertDistinct(Enum.GetValues<TrackingState>().Where(s => !s.IsRead() && s != TrackingState.Deferred), En.TrackDelivery, Ja.TrackDelivery);
        AssertDistinct(Enum.GetValues<TrackingState>().Where(s => s.IsRead()).Select(s => (TrackingState?)s).Append(null), En.TrackRead, Ja.TrackRead);
        // Every read state has words of its own, none falls back to "unknown": RFC 3798's "denied" is a declined receipt.
        Assert.All(Enum.GetValues<TrackingState>().Where(s => s.IsRead()), s => Assert.NotEqual(En.TrackRead(TrackingState.Unknown), En.TrackRead(s)));
        Assert.All(Enum.GetValues<TrackingState>().Where(s => s.IsRead()), s => Assert.NotEqual(Ja.TrackRead(TrackingState.Unknown), Ja.TrackRead(s)));
        Assert.StartsWith("Receipt declined", En.TrackRead(TrackingState.Denied), StringComparison.Ordinal);
        Assert.StartsWith("開封確認の送信を拒否", Ja.TrackRead(TrackingState.Denied), StringComparison.Ordinal);
        AssertDistinct(Enum.GetValues<Provenance>(), En.TrackProvenanceMark, Ja.TrackProvenanceMark);
        AssertDistinct(Enum.GetValues<Provenance>(), p => En.TrackProvenanceSentence(p, "x@remote.test", "remote.test"), p => Ja.TrackProvenanceSentence(p, "x@remote.test", "remote.test"));
        AssertDistinct(Enum.GetValues<TrackingFilter>(), f => En.TrackFilter(f, 3), f => Ja.TrackFilter(f, 3));
        AssertDistinct(OrganisationRule.All, En.SettingsOutsideRule, Ja.SettingsOutsideRule);
        AssertDistinct(UserSettingsForm.Choices, En.SettingsChoice, Ja.SettingsChoice);
        Assert.Equal("Unread after 7 days", En.TrackFilter(TrackingFilter.Unread, 7));
        Assert.Equal("Unread after 1 day", En.TrackFilter(TrackingFilter.Unread, 1));
        Assert.Equal("7 日以上未開封", Ja.TrackFilter(TrackingFilter.Unread, 7));
    }

    [Theory]
    [InlineData("queued", TrackingState.Queued)]
    [InlineData("deferred", TrackingState.Delayed)]
    [InlineData("delayed", TrackingState.Delayed)]
    [InlineData("relayed", TrackingState.Relayed)]
    [InlineData("expanded", TrackingState.Expanded)]
    [InlineData("delivered", TrackingState.Delivered)]
    [InlineData("failed", TrackingState.Failed)]
    [InlineData("deleted", TrackingState.Removed)]
    [InlineData("mdn-displayed", TrackingState.Unknown)]
    [InlineData("pending", TrackingState.Unknown)]
    [InlineData(null, TrackingState.Unknown)]
    public void Delivery_states_are_read_from_the_stored_words_and_shown(string? state, TrackingState expected) =>
        Assert.Equal(expected, TrackedStates.Shown(TrackingStates.ParseDelivery(state)));

    [Fact]
    public void Read_states_and_read_events_are_told_apart_from_a_queue_deletion()
    {
        Assert.Null(TrackingStates.ParseRead(null));
        Assert.Equal(TrackingState.Deleted, TrackingStates.ParseRead("deleted"));
        Assert.Equal(TrackingState.Displayed, TrackingStates.ParseEvent("mdn-displayed"));
        Assert.Equal(TrackingState.Processed, TrackingStates.ParseEvent("mdn-processed"));
        Assert.Equal(TrackingState.Removed, TrackingStates.ParseEvent("deleted")); // an administrator removed it from the queue: a delivery event
        Assert.False(TrackedStates.MayBeRead(TrackingState.Failed));
        Assert.True(TrackedStates.MayBeRead(TrackingState.Relayed));
        Assert.Equal("none", TrackedStates.CssName(null));
    }

    [Fact]
    public void Provenance_is_said_so_a_non_expert_understands_it_in_both_languages()
    {
        Assert.Equal("⚠ unverified", En.TrackProvenanceMark(Provenance.Unverified));
        Assert.Equal(
            "Unverified report from bob@example.test: nobody vouched for it, so it does not change the status.",
            En.TrackProvenanceSentence(Provenance.Unverified, "bob@example.test", null));
        Assert.Equal("bob@example.test からの未検証の報告です。送信元を確認できないため、状態は変更していません。", Ja.TrackProvenanceSentence(Provenance.Unverified, "bob@example.test", null));
        Assert.Contains("remote.test", En.TrackProvenanceSentence(Provenance.Authenticated, "MAILER-DAEMON@mx.remote.test", "remote.test"), StringComparison.Ordinal);
        Assert.Equal("This server saw this itself.", En.TrackProvenanceSentence(Provenance.Local, null, null));
    }

    [Fact]
    public void A_failure_is_explained_by_its_reason_its_code_and_the_servers_own_words()
    {
        const string words = "550 5.1.1 <nobody@remote.test>: Recipient address rejected: User unknown in virtual mailbox table";
        var failure = FailureExplanation.For(TrackingState.Failed, "5.1.1", words);

        Assert.Equal(BounceReason.UserUnknown, failure.Reason);
        Assert.Equal(new EnhancedStatusCode(5, 1, 1), failure.Status);
        Assert.Equal(words, failure.ServerWords);
        Assert.True(failure.HasReason);
        Assert.Equal(EnhancedStatusCodeRegistry.Describe(new EnhancedStatusCode(5, 1, 1), "ja"), failure.StatusMeaning("ja"));
        Assert.StartsWith("The address does not exist", En.TrackBounceReason(failure.Reason), StringComparison.Ordinal);
    }

    [Fact]
    public void A_delay_is_explained_when_the_server_says_why_and_not_otherwise()
    {
        var full = FailureExplanation.For(TrackingState.Delayed, "4.2.2", "452 4.2.2 <full@remote.test>: Mailbox full");
        Assert.Equal(BounceReason.MailboxFull, full.Reason);

        var silent = FailureExplanation.For(TrackingState.Delayed, null, null);
        Assert.False(silent.HasReason); // "still retrying" is what the state says already
        Assert.Null(silent.Status);
        Assert.Null(silent.StatusMeaning("en"));
    }

    [Fact]
    public void Our_own_words_for_a_local_failure_still_get_the_reason_from_the_code()
    {
        var failure = FailureExplanation.For(TrackingState.Failed, "5.1.1", "no such user here");
        Assert.Equal(BounceReason.UserUnknown, failure.Reason);
        Assert.Equal("no such user here", failure.ServerWords);
    }

    [Theory]
    [InlineData("550 5.1.1 no", 550)]
    [InlineData("452-4.2.2 full", 452)]
    [InlineData("250", 250)]
    [InlineData("5501 x", null)]
    [InlineData("no such user here", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void The_reply_code_is_read_from_the_start_of_the_servers_words(string? words, int? expected) =>
        Assert.Equal(expected, FailureExplanation.ReplyCode(words));

    [Fact]
    public void Evidence_is_a_report_in_the_mailbox_our_own_dsn_or_a_remote_server()
    {
        Assert.Equal(new TrackingEvidence(EvidenceKind.Message, 42), TrackingEvidence.Parse("message:42"));
        Assert.Equal(new TrackingEvidence(EvidenceKind.OwnDsn, Text: "Q123"), TrackingEvidence.Parse("dsn:Q123"));
        Assert.Equal(new TrackingEvidence(EvidenceKind.RemoteServer, Text: "mx.remote.test"), TrackingEvidence.Parse("mx.remote.test"));
        Assert.Equal(EvidenceKind.RemoteServer, TrackingEvidence.Parse("message:x").Kind);
        Assert.Equal(EvidenceKind.None, TrackingEvidence.Parse(" ").Kind);
    }

    [Fact]
    public void Evidence_links_to_the_report_where_it_is_now_and_says_when_it_is_gone()
    {
        var at = new DateTimeOffset(2026, 5, 3, 5, 5, 0, TimeSpan.Zero);
        TrackedRecipient Recipient(long id, string evidence, string? readEvidence = null) =>
            new(id, $"r{id}@remote.test", TrackingState.Failed, at, "5.1.1", "550 5.1.1 no", null, evidence, readEvidence is null ? null : TrackingState.Displayed, readEvidence is null ? null : at, readEvidence);
        var message = new TrackedMessage(
            9, "alice@example.test", "<m@example.test>", "Contract", at, 77,
            [Recipient(1, "message:10"), Recipient(2, "message:11"), Recipient(3, "dsn:Q1"), Recipient(4, "mx.remote.test", "message:12")],
            [new TrackingEventRecord(1, 1, TrackingState.Failed, at, "550 5.1.1 no", "dsn:Q1"), new TrackingEventRecord(2, 4, TrackingState.Displayed, at, "manual-action/MDN-sent-manually; displayed", "message:12")]);

        Assert.Equal([10L, 11L, 12L], TrackingTabModel.ReportIds(message).Order());
        var tab = TrackingTabModel.Build(message, new Dictionary<long, string> { [10] = MailFolders.Receipts, [12] = MailFolders.Trash });

        Assert.Equal("/mail/Receipts/10", tab.Recipients[0].Evidence.Url);
        Assert.Equal("<a class=\"evidence-link\" href=\"/mail/Receipts/10\">Delivery report</a>", Html(TrackingHtml.Evidence(tab.Recipients[0].Evidence, En)));
        Assert.Null(tab.Recipients[1].Evidence.Url);
        Assert.Contains("no longer in your mailbox", Html(TrackingHtml.Evidence(tab.Recipients[1].Evidence, En)), StringComparison.Ordinal);
        Assert.Contains("Delivery report sent by this server", Html(TrackingHtml.Evidence(tab.Recipients[2].Evidence, En)), StringComparison.Ordinal);
        Assert.Contains("Reported by mx.remote.test", Html(TrackingHtml.Evidence(tab.Recipients[3].Evidence, En)), StringComparison.Ordinal);
        Assert.Contains("開封確認", Html(TrackingHtml.Evidence(tab.Recipients[3].ReadEvidence, Ja, isRead: true)), StringComparison.Ordinal);
        Assert.Equal(TrackingState.Displayed, Assert.Single(tab.Recipients[3].Events).Read);
        Assert.Equal("<a class=\"evidence-link\" href=\"/mail/Trash/12\">Read receipt</a>", Html(TrackingHtml.Evidence(tab.Recipients[3].ReadEvidence, En, isRead: true)));
        Assert.Equal(string.Empty, Html(TrackingHtml.Evidence(EvidenceView.None, En)));
        Assert.Equal(BounceReason.UserUnknown, tab.Recipients[0].Failure!.Reason);
        Assert.Equal(TrackingState.Failed, Assert.Single(tab.Recipients[0].Events).Delivery);
    }

    [Fact]
    public void Retrying_until_puts_the_time_where_each_language_wants_it()
    {
        var time = new HtmlString("<time>T</time>");
        Assert.Equal("retrying until <time>T</time>", Html(En.TrackRetryingUntil(time)));
        Assert.Equal("<time>T</time> まで再試行します", Html(Ja.TrackRetryingUntil(time)));
        Assert.Equal("a &lt;b&gt; <i>c</i>", Html(HtmlText.Join("a <b> ", new HtmlString("<i>c</i>"))));
    }

    [Theory]
    [InlineData(null, null, null, TrackingFilter.All, 3, 1)]
    [InlineData("failed", "7", "2", TrackingFilter.Failed, 7, 2)]
    [InlineData("UNREAD", "0", "0", TrackingFilter.Unread, 1, 1)]
    [InlineData("read", "365", "-1", TrackingFilter.Read, 90, 1)]
    [InlineData("2", "x", "y", TrackingFilter.All, 3, 1)]
    [InlineData("bogus", "", "", TrackingFilter.All, 3, 1)]
    public void The_tracking_query_is_read_forgivingly(string? filter, string? days, string? page, TrackingFilter f, int d, int p) =>
        Assert.Equal(new TrackingQuery(f, d, p), TrackingQuery.Parse(filter, days, page));

    [Fact]
    public void Tracking_urls_leave_out_the_defaults()
    {
        Assert.Equal("/tracking", TrackingUrls.Page(TrackingFilter.All, 3));
        Assert.Equal("/tracking?filter=unread&days=7&page=2", TrackingUrls.Page(TrackingFilter.Unread, 7, 2));
        Assert.Equal("/tracking/5#recipient-8", TrackingUrls.Details(5, 8));
        Assert.Equal("/mail/My%20Folder/3", TrackingUrls.Message("My Folder", 3));
    }

    [Fact]
    public void The_answer_goes_back_to_a_local_page_with_one_notice()
    {
        static bool Local(string? url) => url is not null && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal);

        Assert.Equal("/mail/Inbox/5?receipt=sent", ReceiptNotice.AddTo("/mail/Inbox/5", "/receipts/5", ReceiptNotice.Sent, Local));
        Assert.Equal("/mail/Inbox/5?images=1&receipt=declined", ReceiptNotice.AddTo("/mail/Inbox/5?receipt=sent&images=1#top", "/x", ReceiptNotice.Declined, Local));
        Assert.Equal("/receipts/5?receipt=sent", ReceiptNotice.AddTo("https://evil.test/", "/receipts/5", ReceiptNotice.Sent, Local));
        Assert.Equal("/receipts/5", ReceiptNotice.WithoutNotice("/receipts/5?receipt=handled"));
        Assert.Equal(En.ReceiptSentNow, ReceiptNotice.Text("sent", En));
        Assert.Null(ReceiptNotice.Text("<script>", En));
    }

    [Theory]
    [InlineData(OutsideReceipts.Allow, AdministratorOverride.None)]
    [InlineData(OutsideReceipts.AlwaysAsk, AdministratorOverride.AlwaysAsk)]
    [InlineData(OutsideReceipts.Never, AdministratorOverride.NeverOutsideOrganisation)]
    [InlineData(OutsideReceipts.Disabled, AdministratorOverride.Disabled)]
    [InlineData("something-new", AdministratorOverride.Disabled)]
    public void The_organisation_rule_becomes_the_administrator_override(string rule, AdministratorOverride expected) =>
        Assert.Equal(expected, OrganisationRule.ToOverride(rule));

    [Fact]
    public void The_decision_gets_the_readers_choices_the_rule_and_a_language()
    {
        var user = UserSettings.Default with { MdnNotInToOrCc = "never", MdnOutsideDomain = "always", MdnOnDeleteUnread = true };
        var settings = ReadReceipts.SettingsFor(user, new OrganisationSettings(OutsideReceipts.Never, UserSettings.Default), UiLanguage.Ja);

        Assert.Equal(new ReceiptPolicy(ReceiptChoice.Never, ReceiptChoice.Always, ReceiptChoice.Ask, SendOnDeleteUnread: true), settings.Policy);
        Assert.Equal(AdministratorOverride.NeverOutsideOrganisation, settings.Override);
        Assert.Null(settings.OrganisationDomains);
        Assert.Equal("ja", settings.Language);
        Assert.Equal("en", ReadReceipts.SettingsFor(user with { Language = "en" }, OrganisationSettings.Default, UiLanguage.Ja).Language);
    }

    [Fact]
    public void The_settings_form_keeps_every_field_and_falls_back_to_asking()
    {
        var settings = new UserSettings("ja", true, false, "always", "never", "ask", true, false);
        Assert.Equal(settings, UserSettingsForm.From(settings).ToSettings());

        var form = UserSettingsForm.From(UserSettings.Default);
        Assert.Equal(UserSettingsForm.Browser, form.Language);
        form.Language = "fr";
        form.MdnOtherCases = "sometimes";
        var saved = form.ToSettings();
        Assert.Null(saved.Language);
        Assert.Equal(ReceiptChoices.Ask, saved.MdnOtherCases);
    }

    private static void AssertDistinct<T>(IEnumerable<T> values, Func<T, string> english, Func<T, string> japanese)
    {
        var list = values.ToList();
        foreach (var value in list)
        {
            Assert.False(string.IsNullOrWhiteSpace(english(value)), $"{value} en");
            Assert.False(string.IsNullOrWhiteSpace(japanese(value)), $"{value} ja");
            Assert.NotEqual(english(value), japanese(value));
        }

        Assert.Equal(list.Count, list.Select(english).Distinct().Count());
        Assert.Equal(list.Count, list.Select(japanese).Distinct().Count());
    }

    private static string Html(IHtmlContent content)
    {
        using var writer = new StringWriter();
        // As the webmail writes pages: every script as characters, only markup characters escaped (WebmailSetup).
        content.WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All));
        return writer.ToString();
    }
}
