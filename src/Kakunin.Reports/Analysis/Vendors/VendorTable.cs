namespace Kakunin.Reports.Analysis.Vendors;

/// <summary>
/// Providers' own error codes, from the lists they publish (the URL beside each vendor). They name the
/// cause better than the generic words around them ("Service refused", "Mail rejected") and decide
/// before the phrase tables. A token that another server could plausibly write is keyed on the
/// provider's hosts (see <see cref="VendorRule"/>).
/// </summary>
internal static class VendorTable
{
    private const string Orange = "https://postmaster.orange.fr/ (OFR error codes)";
    private const string LaPoste = "https://postmaster.laposte.net/ (LPN error codes)";
    private const string GoDaddy = "https://www.godaddy.com/help/fix-rejected-email-with-a-bounce-error-40685";
    private const string Yahoo = "https://senders.yahooinc.com/smtp-error-codes/";
    private const string Microsoft = "https://learn.microsoft.com/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/non-delivery-reports-in-exchange-online";
    private const string OutlookCom = "https://sendersupport.olc.protection.outlook.com/pm/troubleshooting.aspx";
    private const string Google = "https://support.google.com/a/answer/3726730 (Gmail SMTP errors and codes)";
    private const string Mimecast = "https://community.mimecast.com/docs/DOC-1369 (Mimecast SMTP error codes)";
    private const string Proofpoint = "https://ipcheck.proofpoint.com/ (Proofpoint IP reputation check)";
    private const string Cox = "https://www.cox.com/residential/support/email-error-codes.html";
    private const string Facebook = "https://www.facebook.com/postmaster/response_codes";
    private const string Tencent = "https://service.exmail.qq.com/ (Tencent Exmail error codes)";

    public static readonly VendorRule[] Rules =
    [
        // Orange / Wanadoo: OFR_506/536 suspected spam, OFR_104 (OFR004_104) too many connections,
        // OFR_107 no PTR, OFR_397/398 SPF, OFR_515 DMARC, OFR_535 no DKIM signature, OFR_416 invalid recipient.
        new("orange", "ofr_506", BounceReason.SpamDetected, Orange),
        new("orange", "ofr_536", BounceReason.SpamDetected, Orange),
        new("orange", "ofr_104", BounceReason.TooManyConn, Orange),
        new("orange", "ofr004_104", BounceReason.TooManyConn, Orange),
        new("orange", "ofr_107", BounceReason.RequirePtr, Orange),
        new("orange", "ofr_397", BounceReason.AuthFailure, Orange),
        new("orange", "ofr_398", BounceReason.AuthFailure, Orange),
        new("orange", "ofr_515", BounceReason.AuthFailure, Orange),
        new("orange", "ofr_535", BounceReason.AuthFailure, Orange),
        new("orange", "ofr_416", BounceReason.UserUnknown, Orange),

        // La Poste: LPN007_416 invalid recipient, LPN007_405 invalid sender, LPN007_510 refused by
        // content policy, LPN007_517 DMARC policy, LPN027_503 service refused to the sending host.
        new("laposte", "lpn007_416", BounceReason.UserUnknown, LaPoste),
        new("laposte", "lpn007_405", BounceReason.Rejected, LaPoste),
        new("laposte", "lpn007_510", BounceReason.PolicyViolation, LaPoste),
        new("laposte", "lpn007_517", BounceReason.AuthFailure, LaPoste),
        new("laposte", "lpn027_503", BounceReason.Blocked, LaPoste),

        // GoDaddy (secureserver.net): IB212 content judged to be spam.
        new("godaddy", "ib212", BounceReason.SpamDetected, GoDaddy, "secureserver.net"),

        // Cox: CXBL / CDRBL / IPBL… sending IP blocked or listed, CXCNCT too many concurrent connections.
        new("cox", "aup#cxbl", BounceReason.Blocked, Cox),
        new("cox", "aup#cdrbl", BounceReason.Blocked, Cox),
        new("cox", "aup#ipbl", BounceReason.Blocked, Cox),
        new("cox", "aup#cxcnct", BounceReason.TooManyConn, Cox),

        // Yahoo / AOL: TS01–TS04 deferred for volume or complaints (reputation), BL21–BL23 the IP is
        // on a block list, 554.30 mailbox disabled; AOL's RTR:BB / RTR:DU / RLY:B1 refusals of the
        // sending IP; 5.7.9 "not accepted for policy reasons" is Yahoo's policy refusal, not RFC 4954's
        // weak authentication.
        new("yahoo", "[ts01]", BounceReason.BadReputation, Yahoo),
        new("yahoo", "[ts02]", BounceReason.BadReputation, Yahoo),
        new("yahoo", "[ts03]", BounceReason.BadReputation, Yahoo),
        new("yahoo", "[tss04]", BounceReason.BadReputation, Yahoo),
        new("yahoo", "[ts04]", BounceReason.BadReputation, Yahoo),
        new("yahoo", "due to user complaints", BounceReason.BadReputation, Yahoo),
        new("yahoo", "or user complaints", BounceReason.BadReputation, Yahoo),
        new("yahoo", "[bl21]", BounceReason.Blocked, Yahoo),
        new("yahoo", "[bl22]", BounceReason.Blocked, Yahoo),
        new("yahoo", "[bl23]", BounceReason.Blocked, Yahoo),
        new("yahoo", "(554.30)", BounceReason.Suspend, Yahoo),
        new("yahoo", "not accepted for policy reasons", BounceReason.PolicyViolation, Yahoo, "yahoodns.net", "yahoo.com", "aol.com"),
        new("aol", "(rtr:bb)", BounceReason.Blocked, Yahoo),
        new("aol", "(rtr:du)", BounceReason.Blocked, Yahoo),
        new("aol", "(rly:b1)", BounceReason.Blocked, Yahoo),

        // Microsoft 365 / Exchange Online: the RESOLVER / STOREDRV categories name the cause.
        new("microsoft", "resolver.adr.recipientnotfound", BounceReason.UserUnknown, Microsoft),
        new("microsoft", "resolver.adr.exrecipnotfound", BounceReason.UserUnknown, Microsoft),
        new("microsoft", "resolver.adr.recipnotfound", BounceReason.UserUnknown, Microsoft),
        new("microsoft", "resolver.adr.recipientlimit", BounceReason.TooManyConn, Microsoft),
        new("microsoft", "quotaexceededexception", BounceReason.MailboxFull, Microsoft),
        new("microsoft", "mapiexceptionshutoffquotaexceeded", BounceReason.MailboxFull, Microsoft),
        new("microsoft", "mapiexceptionquotaexceeded", BounceReason.MailboxFull, Microsoft),
        new("microsoft", "recipient address rejected: access denied", BounceReason.UserUnknown, Microsoft),
        new("microsoft", "traffic not accepted from this ip", BounceReason.Blocked, Microsoft),
        new("microsoft", "banned sending ip", BounceReason.Blocked, Microsoft),

        // Outlook.com: S3140 / S3150 the sending network is on its block list.
        new("outlook.com", "(s3140)", BounceReason.Blocked, OutlookCom),
        new("outlook.com", "(s3150)", BounceReason.Blocked, OutlookCom),

        // Gmail's help links name the error.
        new("google", "p=nosuchuser", BounceReason.UserUnknown, Google),
        new("google", "p=disableduser", BounceReason.Suspend, Google),
        new("google", "p=overquotaperm", BounceReason.MailboxFull, Google),
        new("google", "p=overquotatemp", BounceReason.MailboxFull, Google),
        new("google", "p=unsolicitedmessageerror", BounceReason.SpamDetected, Google),
        new("google", "p=receivingrate", BounceReason.Speeding, Google),
        new("google", "p=msgtoobig", BounceReason.MesgTooBig, Google),

        // Mimecast: "Envelope blocked - User Entry" the recipient's own blocked-senders list.
        new("mimecast", "envelope blocked - user entry", BounceReason.Filtered, Mimecast),
        new("mimecast", "rejected due to security policies", BounceReason.PolicyViolation, Mimecast, "mimecast.com"),
        new("mimecast", "doc-1369#554", BounceReason.PolicyViolation, Mimecast),

        // Proofpoint: a refusal pointing at its IP reputation check refuses the sending host.
        new("proofpoint", "ipcheck.proofpoint.com", BounceReason.Blocked, Proofpoint),

        // Facebook (RCP-P1..P3): "refused due to recipient preferences": the recipient's own settings.
        new("facebook", "recipient preferences", BounceReason.Filtered, Facebook),

        // Tencent (QQ mail): "Mail content denied" the content judged to be spam.
        new("tencent", "mail content denied", BounceReason.SpamDetected, Tencent, "qq.com"),
    ];
}
