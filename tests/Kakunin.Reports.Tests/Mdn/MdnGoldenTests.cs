// Golden MDNs, each checked by hand against the RFC text (RFC 8098, RFC 6522, RFC 6533, RFC 3834):
//  - top level multipart/report; report-type=disposition-notification (RFC 8098 §3 a);
//  - part 1 human-readable text/plain, in the reader's language (§3 b; RFC 6522 §3);
//  - part 2 message/disposition-notification, 7bit, ASCII only (§3 c, §3.1), or
//    message/global-disposition-notification, 8bit, with the "utf-8" address type for a
//    non-ASCII address (RFC 6533 §5, §6.5);
//  - part 3 only when asked: text/rfc822-headers, or message/global-headers (§3 d; RFC 6533 §4.3);
//  - fields in the §3.1 order: Reporting-UA (name only, no host or version: §3.2.1, §6.2.2),
//    Original-Recipient copied from the Original-Recipient header field and absent when the
//    original had none (§3.2.3), Final-Recipient = the MDN's From (§3.2.4),
//    Original-Message-ID = the original Message-ID (§3.2.5), Disposition with the right
//    action/sending modes (§3.2.6.1: preset policy = manual-action/MDN-sent-automatically);
//  - To = the Disposition-Notification-To address (§3), From = the reader (§3), no
//    Disposition-Notification-To on the MDN (§2.1, §3), a Message-ID different from the
//    original's (§3); In-Reply-To/References thread it;
//  - Auto-Submitted: auto-replied only when sent automatically (RFC 3834 §5).
using Kakunin.Reports.Mdn;
using MimeKit;

namespace Kakunin.Reports.Tests.Mdn;

public class MdnGoldenTests
{
    private static string Compose(string original, MailboxAddress reader, Disposition disposition, string language, bool headers)
    {
        var composed = MdnComposer.Compose(
            Samples.Load(original), reader, disposition, new MdnComposeOptions(Samples.MdnDate, language, headers));
        return Samples.Write(composed.Message);
    }

    [Fact]
    public void English_displayed_sent_by_user() =>
        GoldenFile.AssertMatches(
            "Golden/Mdn/en-displayed-manual.eml",
            Compose(Samples.OriginalEn, new MailboxAddress("Bob Reader", "bob@example.com"),
                Disposition.SentByUser(DispositionType.Displayed), "en", headers: false));

    [Fact]
    public void English_deleted_by_policy_with_original_headers() =>
        GoldenFile.AssertMatches(
            "Golden/Mdn/en-deleted-policy-headers.eml",
            Compose(Samples.OriginalEn, new MailboxAddress("Bob Reader", "bob@example.com"),
                Disposition.SentByPolicy(DispositionType.Deleted), "en", headers: true));

    [Fact]
    public void Japanese_displayed_sent_by_policy() =>
        GoldenFile.AssertMatches(
            "Golden/Mdn/ja-displayed-policy.eml",
            Compose(Samples.OriginalJa, new MailboxAddress("鈴木花子", "suzuki@example.jp"),
                Disposition.SentByPolicy(DispositionType.Displayed), "ja", headers: true));

    [Fact]
    public void Japanese_reader_with_utf8_address_gets_global_notification() =>
        GoldenFile.AssertMatches(
            "Golden/Mdn/ja-global-utf8-address.eml",
            Compose(Samples.OriginalJa, new MailboxAddress("鈴木花子", "花子@example.jp"),
                Disposition.SentByUser(DispositionType.Displayed), "ja", headers: false));
}
