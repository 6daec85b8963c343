using System.Text;
using Kakunin.Reports.Analysis;
using Kakunin.Reports.Dsn;
using MimeKit;

namespace Kakunin.Reports.Tests.Analysis.PlainText;

// Mailing-list managers' notices (Mailman 3, Sympa, mlmmj templates) and RFC 5965 feedback reports that
// name no recipient. Fixtures ours; values by hand against docs/bounce-reasons.md.
public sealed class ListAndFeedbackTests
{
    [Fact]
    public void Mailman_refusal_names_the_list_and_refuses_the_poster()
    {
        var a = TextMessage.Analyze("team-owner@lists.example.org", "Your message to team@lists.example.org was rejected",
            "Your message to the team mailing-list was rejected for the following\nreasons:\n\nThe message is not from a list member\n");
        Assert.Equal("mailinglist", a.Format);
        var r = Assert.Single(a.Recipients);
        Assert.Equal("team@lists.example.org", r.Recipient);
        Assert.Equal(DsnAction.Failed, r.Action);
        Assert.Equal(BounceReason.Rejected, r.Reason);
        Assert.Equal("The message is not from a list member", r.Diagnostic);
        Assert.False(r.HardBounce);
    }

    [Fact]
    public void Mailman_held_post_is_delayed_and_on_hold()
    {
        var a = TextMessage.Analyze("team-owner@lists.example.org", "Your message to team@lists.example.org awaits moderator approval",
            "Your mail to 'team@lists.example.org' with the subject\n\n    Quarterly report\n\n"
            + "Is being held until the list moderator can review it for approval.\n\nThe message is being held because:\n\n    The message is not from a list member\n");
        var r = Assert.Single(a.Recipients);
        Assert.Equal("team@lists.example.org", r.Recipient);
        Assert.Equal(DsnAction.Delayed, r.Action);
        Assert.Equal(BounceReason.OnHold, r.Reason);
    }

    [Fact]
    public void Sympa_and_mlmmj_refusals_name_the_list_address()
    {
        var sympa = TextMessage.Analyze("sympa@lists.example.org", "Message distribution: Authorization denied",
            "Your message for list team@lists.example.org (attached below) was rejected.\nYou are not allowed to send this message for the following reason:\n\n"
            + "    You are not a subscriber of this list.\n\nFor further information, please contact team-request@lists.example.org\n");
        Assert.Equal("team@lists.example.org", Assert.Single(sympa.Recipients).Recipient);
        Assert.Equal(BounceReason.Rejected, sympa.Recipients[0].Reason);

        var mlmmj = TextMessage.Analyze("team+owner@lists.example.org", "Post to team@lists.example.org denied",
            "Hi, this is the mlmmj program managing the <team@lists.example.org> mailing list.\n\nYour post to the list was denied because you are not subscribed.\n");
        Assert.Equal("team@lists.example.org", Assert.Single(mlmmj.Recipients).Recipient);
    }

    [Fact]
    public void A_list_welcome_message_is_not_a_report()
    {
        var a = TextMessage.Analyze("team-request@lists.example.org", "Welcome to the \"team\" mailing list",
            "Welcome to the team mailing list!\n\nTo post to this list, send your message to:\n\n  team@lists.example.org\n");
        Assert.Equal(ReportKind.None, a.Kind);
    }

    [Fact]
    public void A_ticket_desk_request_address_saying_denied_is_not_a_list_refusal()
    {
        var a = TextMessage.Analyze("support-request@company.example", "Re: refund",
            "Hello,\n\nyour refund request was denied because the order is older than 90 days.\n\nsupport@company.example\n");
        Assert.Equal(ReportKind.None, a.Kind);
    }

    [Fact]
    public void Feedback_report_naming_nobody_gives_one_feedback_outcome_without_a_guessed_address()
    {
        var a = Arf(rcptField: string.Empty, originalTo: "undisclosed-recipients:;");
        Assert.Equal(ReportKind.Feedback, a.Kind);
        var r = Assert.Single(a.Recipients);
        Assert.Equal(string.Empty, r.Recipient);
        Assert.Equal(BounceReason.Feedback, r.Reason);
        Assert.Equal("abuse", a.FeedbackType);
    }

    [Fact]
    public void Feedback_report_with_original_rcpt_to_names_that_recipient()
    {
        var a = Arf(rcptField: "Original-Rcpt-To: <complainer@isp.example>\r\n", originalTo: "<list@kakunin.example>");
        Assert.Equal("complainer@isp.example", Assert.Single(a.Recipients).Recipient);
    }

    private static ReportAnalysis Arf(string rcptField, string originalTo)
    {
        var text = "From: <fbl@isp.example>\r\nTo: <fbl@kakunin.example>\r\nSubject: Feedback report\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/report; report-type=feedback-report; boundary=\"b\"\r\n\r\n"
            + "--b\r\nContent-Type: text/plain\r\n\r\nA complaint.\r\n\r\n"
            + $"--b\r\nContent-Type: message/feedback-report\r\n\r\nFeedback-Type: abuse\r\nUser-Agent: Test/1.0\r\nVersion: 1\r\n{rcptField}\r\n"
            + $"--b\r\nContent-Type: text/rfc822-headers\r\n\r\nFrom: <sender@kakunin.example>\r\nTo: {originalTo}\r\nSubject: News\r\n\r\n--b--\r\n";
        using var stream = new MemoryStream(Encoding.ASCII.GetBytes(text));
        return ReportAnalyzer.Analyze(MimeMessage.Load(stream));
    }
}
