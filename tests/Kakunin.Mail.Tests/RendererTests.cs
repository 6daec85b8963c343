using Kakunin.Mail.Reading;
using MimeKit;

namespace Kakunin.Mail.Tests;

public sealed class RendererTests
{
    private static readonly RenderOptions Blocked = new(false, i => $"/part/{i}");

    private static MimeMessage Html(string html, params MimeEntity[] related)
    {
        var builder = new BodyBuilder { HtmlBody = html };
        foreach (var part in related)
        {
            builder.LinkedResources.Add(part);
        }

        return new MimeMessage { Body = builder.ToMessageBody() };
    }

    [Fact]
    public void Script_handlers_forms_and_javascript_links_are_removed()
    {
        var r = MessageRenderer.Render(Html("<p onclick=\"steal()\">Hi</p><script>alert(1)</script><form action=\"x\"><input></form><a href=\"javascript:alert(1)\">x</a><iframe src=\"https://evil.example\"></iframe>"), Blocked);

        Assert.NotNull(r.Html);
        Assert.Contains("<p>Hi</p>", r.Html, StringComparison.Ordinal);
        foreach (var bad in new[] { "onclick", "<script", "alert", "<form", "<input", "javascript:", "<iframe" })
        {
            Assert.DoesNotContain(bad, r.Html, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Remote_images_and_css_backgrounds_are_held_back_until_allowed()
    {
        var message = Html("<img src=\"https://tracker.example/p.gif?u=1\" alt=\"pixel\"><div style=\"background-image: url('http://tracker.example/b.png')\">x</div><a href=\"https://example.org/\">link</a>");

        var blocked = MessageRenderer.Render(message, Blocked);
        Assert.Equal(2, blocked.BlockedRemoteImages);
        Assert.DoesNotContain("tracker.example", blocked.Html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://example.org/\" target=\"_blank\" rel=\"noopener noreferrer\">link</a>", blocked.Html, StringComparison.Ordinal);

        var allowed = MessageRenderer.Render(message, Blocked with { AllowRemoteImages = true });
        Assert.Equal(0, allowed.BlockedRemoteImages);
        Assert.Contains("https://tracker.example/p.gif?u=1", allowed.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Inline_cid_images_are_served_from_our_own_part_urls()
    {
        var image = new MimePart("image", "png") { ContentId = "logo@example.net", Content = new MimeContent(new MemoryStream([1, 2])) };
        var r = MessageRenderer.Render(Html("<img src=\"cid:logo@example.net\"><img src=\"cid:missing@x\">", image), Blocked);

        Assert.Contains("src=\"/part/1\"", r.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("cid:", r.Html, StringComparison.Ordinal);
        Assert.Equal(0, r.BlockedRemoteImages);
    }

    [Fact]
    public void A_plain_text_message_has_no_html_and_lists_its_attachments()
    {
        var builder = new BodyBuilder { TextBody = "hello" };
        builder.Attachments.Add("../../etc/passwd", new byte[] { 1, 2, 3, 4 }, new ContentType("text", "plain"));
        var r = MessageRenderer.Render(new MimeMessage { Body = builder.ToMessageBody() }, Blocked);

        Assert.Null(r.Html);
        Assert.Equal("hello", r.Text.TrimEnd());
        var a = Assert.Single(r.Attachments);
        Assert.Equal(("passwd", "text/plain", 4L), (a.FileName, a.ContentType, a.Size));
    }

    [Fact]
    public void Html_only_mail_quotes_as_text_with_line_breaks()
    {
        var text = MessageText.PlainText(Html("<p>First</p><p>Second<br>third</p><script>x()</script>"));
        Assert.Equal("First\nSecond\nthird", text);
    }

    [Fact]
    public void Images_with_urls_on_our_own_server_are_removed_even_when_images_are_allowed()
    {
        // The frame may load images from 'self' (cid: parts), with the reader's session cookie: a relative image URL
        // would be a GET of one of our pages (opening /mail/Inbox/7 marks it read and may send its read receipt).
        var message = Html(
            "<img src=\"/mail/Inbox/7\" alt=\"a\"><img src=\"../8\"><img src=\"/\\evil.example/p.gif\">" +
            "<div style=\"background-image: url('/receipts/9')\">x</div><a href=\"/mail/Inbox/7\">link</a>");

        foreach (var options in new[] { Blocked, Blocked with { AllowRemoteImages = true } })
        {
            var r = MessageRenderer.Render(message, options);
            Assert.DoesNotContain("src=", r.Html, StringComparison.Ordinal);
            Assert.DoesNotContain("receipts", r.Html, StringComparison.Ordinal);
            Assert.DoesNotContain("evil.example", r.Html, StringComparison.Ordinal);
            Assert.Contains("<a href=\"/mail/Inbox/7\"", r.Html, StringComparison.Ordinal); // a link needs a click: kept
        }
    }
}
