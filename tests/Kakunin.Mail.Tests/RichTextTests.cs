using System.Text;
using Kakunin.Mail.Compose;
using MimeKit;

namespace Kakunin.Mail.Tests;

/// <summary>Rich-text compose: the outgoing allow-list (OutgoingHtml), the text part (HtmlPlainText) and the body choice (RichBody).</summary>
public sealed class RichTextTests
{
    private static readonly ComposeOptions Options = new("mail.example.test", new DateTimeOffset(2026, 12, 7, 6, 0, 0, TimeSpan.Zero), "m1@mail.example.test", "ENV1");

    [Fact]
    public void The_editor_s_formatting_becomes_the_text_part_as_a_person_would_type_it()
    {
        const string html = "Hello <b>team</b>,<div>see <a href=\"https://example.test/plan\">the plan</a> and <i>note</i>:</div>"
            + "<ul><li>one</li><li>two<ul><li>inner</li></ul></li></ul><ol><li>first</li><li>second<br>more</li></ol>"
            + "<blockquote><div>quoted</div><div><br></div><blockquote>older</blockquote></blockquote><div>mail <a href=\"mailto:bob@example.test\">bob@example.test</a></div>"
            + "<div><br></div><div>a&nbsp; two spaces</div>";

        Assert.Equal(
            "Hello *team*,\nsee the plan <https://example.test/plan> and note:\n- one\n- two\n  - inner\n1. first\n2. second\n   more\n"
            + "> quoted\n>\n>> older\nmail bob@example.test\n\na  two spaces",
            HtmlPlainText.Render(html));
    }

    [Fact]
    public void Paragraphs_get_a_blank_line_and_source_whitespace_collapses_as_html_does()
    {
        Assert.Equal("First para\n\nSecond line\nthird", HtmlPlainText.Render("<p>First\n   para</p>\n<p>Second line<br>\n third</p>"));
        Assert.Equal("x = 1\n  y", HtmlPlainText.Render("<pre>x = 1\n  y</pre>"));
        Assert.Equal("Link <mailto-less@example.test>", HtmlPlainText.Render("<a href=\"mailto:mailto-less@example.test\">Link</a>"));
        Assert.Equal("https://example.test/", HtmlPlainText.Render("<a href=\"https://example.test/\">https://example.test/</a>"));
    }

    [Fact]
    public void The_outgoing_allow_list_removes_script_handlers_styles_images_and_other_links()
    {
        var safe = OutgoingHtml.Sanitise(
            "<p onclick=\"steal()\" style=\"color:red\" class=\"x\">Hi <b onmouseover=\"x()\">there</b></p><script>alert(1)</script><style>p{}</style>"
            + "<img src=\"http://tracker.example/p.gif\" onerror=\"alert(2)\"><a href=\"javascript:alert(3)\">js</a><a href=\"data:text/html,x\">data</a>"
            + "<a href=\"/mail/Inbox/7\">relative</a><a href=\"https://example.test/ok\" target=\"_blank\">ok</a><iframe src=\"https://evil.example\">f</iframe>"
            + "<form action=\"https://evil.example\"><input name=\"p\"><button>Go</button></form><font color=\"red\">kept text</font><!-- comment -->");

        Assert.Equal(
            "<p>Hi <b>there</b></p>jsdatarelative<a href=\"https://example.test/ok\">ok</a>kept text",
            safe);
    }

    [Theory]
    [InlineData("https://example.test/a?b=c", true)]
    [InlineData("http://example.test", true)]
    [InlineData("mailto:bob@example.test", true)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("JAVASCRIPT:alert(1)", false)]
    [InlineData("data:text/html,x", false)]
    [InlineData("ftp://example.test/", false)]
    [InlineData("//example.test/", false)]
    [InlineData("https:", false)]
    [InlineData("mailto:nobody", false)]
    public void Only_absolute_http_https_and_mailto_links_are_allowed(string url, bool allowed) =>
        Assert.Equal(allowed, OutgoingHtml.IsAllowedLink(url));

    [Fact]
    public void Html_without_formatting_goes_as_text_alone_and_formatted_html_as_both()
    {
        var plain = RichBody.From("ignored", "<div>Just</div><div>lines</div>");
        Assert.Equal("Just\nlines", plain.Text);
        Assert.Null(plain.Html);

        var rich = RichBody.From("ignored", "<div>A <b>bold</b> word</div><script>x()</script>");
        Assert.Equal("A *bold* word", rich.Text);
        Assert.Equal("<div>A <b>bold</b> word</div>", rich.Html);

        var typed = RichBody.From("Typed <b> stays text", null);
        Assert.Equal("Typed <b> stays text", typed.Text);
        Assert.Null(typed.Html);
    }

    [Fact]
    public void A_formatted_message_is_multipart_alternative_with_the_text_first_and_html_last_in_utf8()
    {
        var body = RichBody.From(null, "<div>契約書を<b>確認</b>しました</div><ul><li>one</li></ul>");
        var mail = MailComposer.Compose(new Sender("alice@example.test", null), new ComposeRequest("bob@example.test", "", "", "件名", body.Text, false, false, HtmlBody: body.Html), Options);
        var message = MimeMessage.Load(new MemoryStream(mail.Content));

        // RFC 2046 §5.1.4: alternatives in increasing faithfulness, the plainest first.
        var alternative = Assert.IsType<MultipartAlternative>(message.Body);
        Assert.Equal(["text/plain", "text/html"], alternative.Select(p => p.ContentType.MimeType));
        Assert.All(alternative, p => Assert.Equal("utf-8", p.ContentType.Charset, ignoreCase: true));
        Assert.Equal("契約書を*確認*しました\n- one", message.TextBody!.Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.Equal("<div>契約書を<b>確認</b>しました</div><ul><li>one</li></ul>", message.HtmlBody);
        Assert.True(Encoding.ASCII.GetString(mail.Content).All(c => c < 128)); // 7-bit on the wire: quoted-printable or base64
    }

    [Fact]
    public void The_api_s_html_is_sanitised_and_gets_a_text_part_when_none_is_given()
    {
        var body = RichBody.FromApi(null, "<p>Please <b>sign</b>.</p><img src=\"https://tracker.example/p.gif\">");
        Assert.Equal("Please *sign*.", body.Text);
        Assert.Equal("<p>Please <b>sign</b>.</p>", body.Html);
        Assert.Equal("Own text", RichBody.FromApi("Own text", "<p>x</p>").Text);
    }

    [Fact]
    public void A_reply_to_an_html_message_quotes_it_as_sanitised_html_in_a_blockquote()
    {
        var original = new MimeMessage { Subject = "Plan", MessageId = "o1@example.test", Date = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero) };
        original.From.Add(new MailboxAddress("Dana", "dana@example.test"));
        original.To.Add(new MailboxAddress(null, "alice@example.test"));
        original.Body = new BodyBuilder { TextBody = "The plan", HtmlBody = "<html><body><p style=\"x\">The <b>plan</b></p><script>x()</script></body></html>" }.ToMessageBody();
        var words = new QuoteText("On {0}, {1} wrote:", "---------- Forwarded message ----------", d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

        var reply = ReplyBuilder.Build(original, ReplyKind.Reply, ["alice@example.test"], words, false, false);
        Assert.Equal("<div><br></div><div><br></div><div>On 2026-12-01, &quot;Dana&quot; &lt;dana@example.test&gt; wrote:</div><blockquote><p>The <b>plan</b></p></blockquote>", reply.HtmlBody);
        Assert.Contains("> The plan", reply.Body, StringComparison.Ordinal); // the textarea's text without script

        var plainOriginal = new MimeMessage();
        plainOriginal.From.Add(new MailboxAddress(null, "dana@example.test"));
        plainOriginal.Body = new TextPart("plain") { Text = "plain" };
        Assert.Null(ReplyBuilder.Build(plainOriginal, ReplyKind.Reply, [], words, false, false).HtmlBody);
    }
}
