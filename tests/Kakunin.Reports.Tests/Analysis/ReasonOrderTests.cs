using Kakunin.Protocol;
using Kakunin.Reports.Analysis;
using Kakunin.Reports.Dsn;

namespace Kakunin.Reports.Tests.Analysis;

// The classifier's order of trust (docs/bounce-reasons.md), one test per rule class and per miss
// class of issue 12. Replies written for these tests; expected reasons checked by hand against RFC 3463
// / the IANA enhanced status code registry, RFC 5321 §3.3 (which command a reply answers) and the
// providers' published code lists cited in Analysis/Vendors/VendorTable.cs.
public sealed class ReasonOrderTests
{
    private static EnhancedStatusCode Code(string code) => EnhancedStatusCode.Parse(code);

    private static BounceReason Classify(string? status, int? reply, string diagnostic, string? command = null, DsnAction action = DsnAction.Failed, string? recipient = null, string? remoteMta = null) =>
        ReasonClassifier.Classify(action, status is null ? null : Code(status), reply, diagnostic, null, command, null, recipient, remoteMta);

    // Stage: refused at RCPT with x.1.1 is an unknown user; the same words after DATA are a filter.
    [Fact]
    public void UnknownUserAtRcptIsUserUnknown() =>
        Assert.Equal(BounceReason.UserUnknown, Classify("5.1.1", 550, "550 5.1.1 User not exist", "RCPT"));

    [Fact]
    public void UnknownUserAfterDataIsFiltered() =>
        Assert.Equal(BounceReason.Filtered, Classify(null, 550, "550 Unknown user", "DATA"));

    [Fact]
    public void UnknownAddressRefusedAtMailFromIsTheSenderRejected() =>
        Assert.Equal(BounceReason.Rejected, Classify(null, 550, "550 unknown user", "MAIL"));

    [Fact]
    public void RefusalOfTheGreetingBlocksTheHost() =>
        Assert.Equal(BounceReason.Blocked, Classify(null, 554, "554 Rejected", "CONN"));

    // A catch-all word does not beat a specific registered code: x.7.9 is "authentication mechanism
    // is too weak" (RFC 4954), a security error, not a filter because the word is "Rejected".
    [Fact]
    public void SpecificCodeBeatsCatchAllWord() =>
        Assert.Equal(BounceReason.SecurityError, Classify("5.7.9", 550, "550 5.7.9 Rejected"));

    // A precise phrase names a cause a status code cannot: "couldn't find a mail exchanger" is a
    // host that does not exist (qmail), not a block.
    [Fact]
    public void PrecisePhraseDecidesHostUnknown() =>
        Assert.Equal(BounceReason.HostUnknown, Classify(null, null, "Sorry, I couldn't find a mail exchanger or IP address. (#5.4.4)"));

    // Catch-alls still decide when nothing else does.
    [Fact]
    public void CatchAllDecidesLast() =>
        Assert.Equal(BounceReason.PolicyViolation, Classify("5.0.0", 550, "550 Denied"));

    // Registry meanings (IANA): x.3.2 system not accepting network messages, x.4.5 congestion.
    [Theory]
    [InlineData("5.3.2", BounceReason.NotAccept)]
    [InlineData("4.4.5", BounceReason.SystemFull)]
    [InlineData("5.7.25", BounceReason.RequirePtr)]
    [InlineData("5.7.13", BounceReason.Suspend)]
    [InlineData("5.1.10", BounceReason.NotAccept)]
    public void StatusByRegisteredMeaning(string status, BounceReason expected) =>
        Assert.Equal(expected, Classify(status, 550, $"550 {status} Requested action not taken"));

    [Fact]
    public void RegistryNamesEveryDecisiveCodeWithATitle() =>
        Assert.All(StatusRegistry.All.Where(e => e.Strength == StatusStrength.Decisive), e => Assert.False(string.IsNullOrWhiteSpace(e.Title)));

    // Vendor layer: providers' published codes.
    [Theory]
    [InlineData("552 5.2.0 This message has been rejected due to content judged to be spam by the internet community IB212", "x@secureserver.net", BounceReason.SpamDetected)]
    [InlineData("554 5.7.1 Service refuse / Service refused. LPN007_517", "x@laposte.net", BounceReason.AuthFailure)]
    [InlineData("550 5.7.1 Mail rejete. Mail rejected. OFR_506 [506]", "x@orange.fr", BounceReason.SpamDetected)]
    [InlineData("421 4.7.0 [TSS04] Messages from 192.0.2.25 temporarily deferred", "x@yahoo.com", BounceReason.BadReputation)]
    [InlineData("550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup", "x@contoso.com", BounceReason.UserUnknown)]
    [InlineData("554 Blocked - see https://ipcheck.proofpoint.com/?ip=192.0.2.25", "x@example.com", BounceReason.Blocked)]
    public void VendorCodeDecides(string diagnostic, string recipient, BounceReason expected) =>
        Assert.Equal(expected, Classify(null, int.Parse(diagnostic[..3], System.Globalization.CultureInfo.InvariantCulture), diagnostic, recipient: recipient));

    // Yahoo writes 5.7.9 for a policy refusal; keyed on Yahoo's hosts, elsewhere the registry's meaning stands.
    [Fact]
    public void HostKeyedVendorRuleHoldsOnlyForItsHosts()
    {
        const string words = "554 5.7.9 Message not accepted for policy reasons";
        Assert.Equal(BounceReason.PolicyViolation, Classify("5.7.9", 554, words, remoteMta: "mta7.am0.yahoodns.net"));
        Assert.Equal(BounceReason.PolicyViolation, Classify("5.7.9", 554, words, remoteMta: "mx.example.net"));
    }

    // Microsoft's 5.1.10 means "recipient not found" only from Microsoft; elsewhere RFC 7505's null MX.
    [Fact]
    public void MicrosoftStatusDetailKeyedOnItsHosts()
    {
        Assert.Equal(BounceReason.UserUnknown, Classify("5.1.10", 550, "550 5.1.10 Requested action not taken", remoteMta: "mail.protection.outlook.com"));
        Assert.Equal(BounceReason.NotAccept, Classify("5.1.10", 550, "550 5.1.10 Requested action not taken", remoteMta: "mx.example.net"));
    }

    // "delayed ⇒ expired" only after the text's precise phrases and decisive codes.
    [Fact]
    public void DelayedWithAPreciseCauseKeepsTheCause() =>
        Assert.Equal(BounceReason.MailboxFull, Classify("4.2.2", 452, "452 4.2.2 Mailbox full", action: DsnAction.Delayed));

    [Fact]
    public void DelayedWithoutEvidenceIsExpired() =>
        Assert.Equal(BounceReason.Expired, Classify("4.0.0", 451, "451 4.0.0 Try again", action: DsnAction.Delayed));

    // Text exists but decides nothing: on hold.
    [Fact]
    public void UndecidedTextIsOnHold() =>
        Assert.Equal(BounceReason.OnHold, Classify(null, 554, "554 Transaction failed"));
}
