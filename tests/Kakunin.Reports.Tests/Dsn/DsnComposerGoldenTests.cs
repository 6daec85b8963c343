using Kakunin.Protocol;
using Kakunin.Reports.Dsn;
using static Kakunin.Reports.Tests.Dsn.DsnSamples;

namespace Kakunin.Reports.Tests.Dsn;

// Golden files in Golden/Dsn/, each read by hand against these rules:
// - RFC 6522 §3: Content-Type multipart/report; report-type=delivery-status; parts in the order
//   human-readable (text/plain), machine-readable (message/delivery-status), original (or headers).
// - RFC 3464 §2.1: the status part is a per-message block then one block per recipient, blank
//   line between blocks; no blank line before the per-message block.
// - RFC 3464 §2.2: Original-Envelope-Id, Reporting-MTA (present in every file), DSN-Gateway,
//   Received-From-MTA, Arrival-Date in that order, then extension fields (X-Kakunin-Queue-ID).
// - RFC 3464 §2.3: Original-Recipient, Final-Recipient, Action, Status, Remote-MTA,
//   Diagnostic-Code, Last-Attempt-Date, Final-Log-ID, Will-Retry-Until in that order; Final-Recipient,
//   Action and Status in every block; Original-Recipient only where the request had an ORCPT
//   (RFC 3461 §6.3 d); Will-Retry-Until only for delayed; Status class fits Action (§2.3.4).
// - RFC 3464 §2.1.2 / §2.3.6: "dns; host" MTA names, "smtp; 550 ..." diagnostics, folded at a
//   single space with the continuation line starting with whitespace (RFC 5322 §2.2.3).
// - RFC 3464 §2.2.5 / RFC 5322 §3.3: dates as date-time with a numeric zone.
// - RFC 3461 §4.3: RET=HDRS → text/rfc822-headers with every header line of the original, folding
//   kept (Received and Subject continuation lines); RET=FULL → message/rfc822 in a failure DSN.
// - RFC 6533 §3, §6: with a UTF-8 recipient, message/global-delivery-status and message/global-headers,
//   the address as "utf-8; <unitext>" with the UTF-8 left as is, 8bit transfer encoding.
// - RFC 3834 §5.1: Auto-Submitted: auto-replied. RFC 5322 §3.6.4: In-Reply-To is the original's
//   Message-ID, References the original's References plus its Message-ID.
// - RFC 3464 §2: To is the original envelope sender; From the reporting mailbox.
public sealed class DsnComposerGoldenTests
{
    [Fact]
    public void Failed_5_1_1_with_RET_HDRS_in_English() =>
        GoldenFile.AssertMatches("failed-hdrs-en", DsnComposer.Compose(Request(Report(Failed()))));

    [Fact]
    public void Delayed_with_will_retry_until_in_Japanese() =>
        GoldenFile.AssertMatches("delayed-ja", DsnComposer.Compose(Request(Report(Delayed()), "ja")));

    // The client sent ENVID=QQ314159+2Bcontract (xtext); the DSN shows it decoded (see docs/dsn.md).
    [Fact]
    public void Delivered_with_ENVID_and_ORCPT() =>
        GoldenFile.AssertMatches("delivered-envid-orcpt", DsnComposer.Compose(Request(
            Report(Delivered()) with { OriginalEnvelopeId = "QQ314159+contract" })));

    [Fact]
    public void Relayed_to_a_next_hop_without_DSN() =>
        GoldenFile.AssertMatches("relayed-en", DsnComposer.Compose(Request(Report(Relayed()))));

    [Fact]
    public void Expanded_alias_in_Japanese() =>
        GoldenFile.AssertMatches("expanded-ja", DsnComposer.Compose(Request(Report(Expanded()), "ja")));

    [Fact]
    public void Mixed_recipients_grouped_by_action() =>
        GoldenFile.AssertMatches("mixed-en", DsnComposer.Compose(Request(
            Report(Delivered(), Failed(), Delayed(), Relayed(), Failed("frank@example.org")))));

    [Fact]
    public void Failed_with_RET_FULL_returns_the_whole_message() =>
        GoldenFile.AssertMatches("failed-full-en", DsnComposer.Compose(Request(Report(Failed()), ret: DsnReturn.Full)));

    [Fact]
    public void Utf8_recipient_uses_the_global_types() =>
        GoldenFile.AssertMatches("failed-utf8-global", DsnComposer.Compose(Request(Report(Failed() with
        {
            FinalRecipient = new TypedAddress("utf-8", "用户@例子.广告"),
            OriginalRecipient = new TypedAddress("utf-8", "用户+info@例子.广告"),
            DiagnosticCode = DiagnosticCode.Smtp("550 5.1.1 <用户@例子.广告>: メールボックスがありません"),
        }), "ja")), international: true);
}
