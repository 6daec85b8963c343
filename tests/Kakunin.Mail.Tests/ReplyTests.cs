using System.Globalization;
using Kakunin.Mail.Compose;
using MimeKit;

namespace Kakunin.Mail.Tests;

public sealed class ReplyTests
{
    private static readonly QuoteText English = new("On {0}, {1} wrote:", "---------- Forwarded message ----------", d => d.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));

    private static MimeMessage Original()
    {
        var m = new MimeMessage { Subject = "Contract", MessageId = "orig@example.net", Date = new DateTimeOffset(2026, 11, 28, 9, 30, 0, TimeSpan.Zero) };
        m.From.Add(new MailboxAddress("Carol", "carol@example.net"));
        m.To.Add(new MailboxAddress("Alice", "alice@example.test"));
        m.To.Add(new MailboxAddress("Dave", "dave@example.org"));
        m.Cc.Add(new MailboxAddress("Bob", "bob@example.test"));
        m.References.Add("root@example.net");
        var body = new BodyBuilder { TextBody = "Please sign.\n> earlier" };
        body.Attachments.Add("terms.pdf", new byte[] { 9 }, new ContentType("application", "pdf"));
        m.Body = body.ToMessageBody();
        return m;
    }

    [Fact]
    public void Reply_goes_to_the_sender_with_the_thread_and_quoted_text()
    {
        var r = ReplyBuilder.Build(Original(), ReplyKind.Reply, ["alice@example.test"], English, false, true);

        Assert.Equal("\"Carol\" <carol@example.net>", r.To);
        Assert.Equal(string.Empty, r.Cc);
        Assert.Equal("Re: Contract", r.Subject);
        Assert.Equal("orig@example.net", r.InReplyTo);
        Assert.Equal(["root@example.net", "orig@example.net"], r.References);
        Assert.Contains("On 2026-11-28 09:30, \"Carol\" <carol@example.net> wrote:\n> Please sign.\n>> earlier", r.Body, StringComparison.Ordinal);
        Assert.True(r.RequestReadReceipt);
        Assert.Null(r.Attachments);
    }

    [Fact]
    public void Reply_all_keeps_everyone_but_ourselves()
    {
        var r = ReplyBuilder.Build(Original(), ReplyKind.ReplyAll, ["ALICE@example.test"], English, false, false);

        Assert.Equal("\"Carol\" <carol@example.net>, \"Dave\" <dave@example.org>", r.To);
        Assert.Equal("\"Bob\" <bob@example.test>", r.Cc);
    }

    [Fact]
    public void Forward_carries_the_text_and_the_attachments_and_no_thread()
    {
        var original = Original();
        original.Subject = "Re: Contract";
        var r = ReplyBuilder.Build(original, ReplyKind.Forward, ["alice@example.test"], English, true, false);

        Assert.Equal("Fwd: Re: Contract", r.Subject);
        Assert.Equal(string.Empty, r.To);
        Assert.Contains("---------- Forwarded message ----------\nFrom: \"Carol\" <carol@example.net>", r.Body, StringComparison.Ordinal);
        Assert.Contains("Please sign.", r.Body, StringComparison.Ordinal);
        Assert.Equal("terms.pdf", Assert.Single(r.Attachments!).FileName);
        Assert.Null(r.InReplyTo);
        Assert.True(r.RequestDeliveryReceipt);
    }

    [Fact]
    public void A_reply_prefix_is_not_repeated()
    {
        var original = Original();
        original.Subject = "RE: Contract";
        Assert.Equal("RE: Contract", ReplyBuilder.Build(original, ReplyKind.Reply, [], English, false, false).Subject);
    }
}
