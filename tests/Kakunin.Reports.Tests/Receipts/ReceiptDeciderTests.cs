using Kakunin.Reports.Mdn;
using Kakunin.Reports.Receipts;
using static Kakunin.Reports.Tests.Receipts.ReceiptTestMessages;

namespace Kakunin.Reports.Tests.Receipts;

/// <summary>The decision table: one test per rule, one per mistake listed in standards.md.</summary>
public class ReceiptDeciderTests
{
    private static readonly Disposition PolicyDisplayed = Disposition.SentByPolicy(DispositionType.Displayed);

    private static void AssertDoNotSend(ReceiptReason reason, ReceiptDecision decision) =>
        Assert.Equal(new DoNotSend(reason), decision);

    private static AskReader AssertAsk(ReceiptDecision decision, params ReceiptReason[] reasons)
    {
        var ask = Assert.IsType<AskReader>(decision);
        Assert.Equal(reasons, ask.Reasons);
        Assert.Equal(Disposition.SentByUser(ask.DispositionIfAccepted.Type), ask.DispositionIfAccepted);
        return ask;
    }

    // --- defaults and the happy path ---

    [Fact]
    public void Default_policy_asks() =>
        AssertAsk(Decide(Message()), ReceiptReason.PolicyAsk);

    [Fact]
    public void Always_with_matching_return_path_inside_the_organisation_sends_automatically() =>
        Assert.Equal(new SendAutomatically(PolicyDisplayed), Decide(Message(), AlwaysEverywhere));

    [Fact]
    public void No_request_and_no_decision_to_make() =>
        AssertDoNotSend(ReceiptReason.NoRequest, Decide(Message(dnt: ""), AlwaysEverywhere));

    // --- RFC 8098 §2.1 consent rules ---

    [Fact]
    public void Return_path_differs_asks_instead_of_sending() =>
        AssertAsk(Decide(Message(returnPath: "bounces@example.com"), AlwaysEverywhere), ReceiptReason.ReturnPathMismatch);

    [Fact]
    public void Return_path_differs_and_policy_never_sends_nothing() =>
        AssertDoNotSend(ReceiptReason.PolicyNever,
            Decide(Message(returnPath: "bounces@example.com"), new ReceiptPolicy(OtherCases: ReceiptChoice.Never)));

    [Fact]
    public void No_return_path_asks() =>
        AssertAsk(Decide(Message(returnPath: null), AlwaysEverywhere), ReceiptReason.NoReturnPath);

    [Fact]
    public void Several_notification_addresses_ask_not_automatic() =>
        AssertAsk(Decide(Message(dnt: "alice@example.com, audit@example.com"), AlwaysEverywhere),
            ReceiptReason.ReturnPathMismatch, ReceiptReason.SeveralNotificationAddresses);

    [Fact]
    public void Local_part_compares_case_sensitively_and_domain_does_not()
    {
        AssertAsk(Decide(Message(returnPath: "Alice@example.com"), AlwaysEverywhere), ReceiptReason.ReturnPathMismatch);
        Assert.IsType<SendAutomatically>(Decide(Message(returnPath: "alice@EXAMPLE.com"), AlwaysEverywhere));
        Assert.IsType<SendAutomatically>(Decide(Message(returnPath: "\"alice\"@example.com"), AlwaysEverywhere));
    }

    [Fact]
    public void Consent_needed_but_nobody_to_ask_sends_nothing() =>
        AssertDoNotSend(ReceiptReason.ConsentUnavailable,
            ReceiptDecider.Decide(Context(Message(returnPath: "other@example.com"), AlwaysEverywhere, canPrompt: false)));

    // --- the reader's three choices ---

    [Fact]
    public void Not_in_to_or_cc_uses_its_own_choice()
    {
        var policy = new ReceiptPolicy(NotInToOrCc: ReceiptChoice.Never, OtherCases: ReceiptChoice.Always);
        AssertDoNotSend(ReceiptReason.PolicyNever, Decide(Message(to: "team@example.com"), policy));
        Assert.IsType<SendAutomatically>(Decide(Message(to: "team@example.com, Bob <BOB@example.com>"), policy));
        AssertAsk(Decide(Message(to: "team@example.com")), ReceiptReason.NotInToOrCc);
    }

    [Fact]
    public void Outside_domain_uses_its_own_choice()
    {
        var policy = new ReceiptPolicy(OutsideDomain: ReceiptChoice.Never, OtherCases: ReceiptChoice.Always);
        AssertDoNotSend(ReceiptReason.PolicyNever,
            Decide(Message(dnt: "x@partner.test", returnPath: "x@partner.test"), policy));
        AssertAsk(Decide(Message(dnt: "x@partner.test", returnPath: "x@partner.test")), ReceiptReason.OutsideOrganisation);
    }

    [Fact]
    public void Subdomain_of_the_organisation_is_inside()
    {
        var policy = new ReceiptPolicy(OutsideDomain: ReceiptChoice.Never, OtherCases: ReceiptChoice.Always);
        Assert.IsType<SendAutomatically>(Decide(Message(dnt: "x@mail.example.com", returnPath: "x@mail.example.com"), policy));
    }

    // --- messages that never get a receipt ---

    [Theory]
    [InlineData("multipart/report; report-type=disposition-notification; boundary=b")]
    [InlineData("multipart/report; report-type=delivery-status; boundary=b")]
    [InlineData("multipart/report; report-type=feedback-report; boundary=b")]
    [InlineData("message/delivery-status")]
    public void Reports_never_get_a_receipt(string contentType) =>
        AssertDoNotSend(ReceiptReason.IsReport,
            Decide(Message(contentType: contentType, body: "--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--\r\n"), AlwaysEverywhere));

    [Theory]
    [InlineData("List-Id: Team <team.example.com>\r\n")]
    [InlineData("List-Post: <mailto:team@example.com>\r\n")]
    [InlineData("List-Unsubscribe: <mailto:leave@example.com>\r\n")]
    [InlineData("Precedence: list\r\n")]
    [InlineData("Precedence: bulk\r\n")]
    [InlineData("Precedence: Junk\r\n")]
    public void List_and_bulk_mail_never_gets_a_receipt(string header) =>
        AssertDoNotSend(ReceiptReason.ListMail, Decide(Message(extra: header), AlwaysEverywhere));

    [Fact]
    public void Precedence_first_class_is_not_list_mail() =>
        Assert.IsType<SendAutomatically>(Decide(Message(extra: "Precedence: first-class\r\n"), AlwaysEverywhere));

    [Theory]
    [InlineData("auto-generated")]
    [InlineData("auto-replied")]
    [InlineData("auto-notified; owner-email=\"x@example.com\"")]
    public void Auto_submitted_mail_never_gets_a_receipt(string value) =>
        AssertDoNotSend(ReceiptReason.AutoSubmitted, Decide(Message(extra: $"Auto-Submitted: {value}\r\n"), AlwaysEverywhere));

    [Fact]
    public void Auto_submitted_no_is_ordinary_mail() =>
        Assert.IsType<SendAutomatically>(Decide(Message(extra: "Auto-Submitted: no (a person wrote this)\r\n"), AlwaysEverywhere));

    [Theory]
    [InlineData(FolderKind.Sent)]
    [InlineData(FolderKind.Drafts)]
    public void Never_prompt_in_sent_or_drafts(FolderKind folder) =>
        AssertDoNotSend(ReceiptReason.OwnMessageFolder, ReceiptDecider.Decide(Context(Message(), folder: folder)));

    [Fact]
    public void Other_folders_behave_like_the_inbox() =>
        AssertAsk(ReceiptDecider.Decide(Context(Message(), folder: FolderKind.Other)), ReceiptReason.PolicyAsk);

    [Fact]
    public void Never_twice_once_mdn_sent() =>
        AssertDoNotSend(ReceiptReason.AlreadyHandled, ReceiptDecider.Decide(Context(Message(), AlwaysEverywhere, mdnSent: true)));

    // --- Disposition-Notification-Options (RFC 8098 §2.2) ---

    [Fact]
    public void Required_option_not_understood_sends_nothing() =>
        AssertDoNotSend(ReceiptReason.UnsupportedRequiredOption,
            Decide(Message(extra: "Disposition-Notification-Options: signed-receipt=required,pkcs7-signature\r\n"), AlwaysEverywhere));

    [Fact]
    public void Optional_option_not_understood_is_ignored() =>
        Assert.IsType<SendAutomatically>(
            Decide(Message(extra: "Disposition-Notification-Options: signed-receipt=optional,pkcs7-signature\r\n"), AlwaysEverywhere));

    [Fact]
    public void Unreadable_options_count_as_required() =>
        AssertDoNotSend(ReceiptReason.UnsupportedRequiredOption,
            Decide(Message(extra: "Disposition-Notification-Options: ???\r\n"), AlwaysEverywhere));

    // --- administrator ---

    [Fact]
    public void Administrator_can_disable_receipts() =>
        AssertDoNotSend(ReceiptReason.DisabledByAdministrator,
            ReceiptDecider.Decide(Context(Message(), AlwaysEverywhere, admin: AdministratorOverride.Disabled)));

    [Fact]
    public void Administrator_can_forbid_receipts_outside() =>
        AssertDoNotSend(ReceiptReason.OutsideOrganisationForbidden,
            ReceiptDecider.Decide(Context(Message(dnt: "x@partner.test", returnPath: "x@partner.test"), AlwaysEverywhere,
                admin: AdministratorOverride.NeverOutsideOrganisation)));

    [Fact]
    public void Administrator_can_require_asking() =>
        AssertAsk(ReceiptDecider.Decide(Context(Message(), AlwaysEverywhere, admin: AdministratorOverride.AlwaysAsk)),
            ReceiptReason.AdministratorRequiresAsking);

    // --- deletes ---

    [Fact]
    public void Deleted_unread_is_off_by_default() =>
        AssertDoNotSend(ReceiptReason.DeleteNotificationsOff,
            ReceiptDecider.Decide(Context(Message(), ev: ReceiptEvent.DeletedUnread)));

    [Fact]
    public void Deleted_unread_by_the_reader_is_manual_action()
    {
        Assert.Equal(new SendAutomatically(Disposition.SentByPolicy(DispositionType.Deleted)),
            ReceiptDecider.Decide(Context(Message(), AlwaysEverywhere, ev: ReceiptEvent.DeletedUnread)));
        var ask = AssertAsk(ReceiptDecider.Decide(Context(Message(), ReceiptPolicy.Default with { SendOnDeleteUnread = true }, ev: ReceiptEvent.DeletedUnread)),
            ReceiptReason.PolicyAsk);
        Assert.Equal(DispositionType.Deleted, ask.DispositionIfAccepted.Type);
    }

    [Fact]
    public void Deleted_by_a_rule_is_automatic_action_and_never_asks()
    {
        // RFC 8098 §4: automatic processing gives automatic-action/MDN-sent-automatically.
        Assert.Equal(new SendAutomatically(Disposition.Automatic(DispositionType.Deleted)),
            ReceiptDecider.Decide(Context(Message(), AlwaysEverywhere, ev: ReceiptEvent.DeletedByRule)));
        AssertDoNotSend(ReceiptReason.ConsentUnavailable,
            ReceiptDecider.Decide(Context(Message(), ReceiptPolicy.Default with { SendOnDeleteUnread = true }, ev: ReceiptEvent.DeletedByRule)));
    }

    [Fact]
    public void Every_reason_has_english_and_japanese_text()
    {
        foreach (var reason in Enum.GetValues<ReceiptReason>())
        {
            var en = ReceiptReasonText.For(reason, "en");
            var ja = ReceiptReasonText.For(reason, "ja");
            Assert.NotEqual(reason.ToString(), en);
            Assert.NotEqual(en, ja);
            Assert.Contains(ja, c => c > 0x3000);
        }

        var ask = AssertAsk(Decide(Message(returnPath: "bounces@example.com")), ReceiptReason.PolicyAsk, ReceiptReason.ReturnPathMismatch);
        Assert.Equal(2, ask.Explain("ja").Count);
    }
}
