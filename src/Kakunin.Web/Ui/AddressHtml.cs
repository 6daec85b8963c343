using Microsoft.AspNetCore.Html;

namespace Kakunin.Web.Ui;

/// <summary>
/// An e-mail address for a narrow column: it may break only after "@" or "." (a &lt;wbr&gt; there), never inside a
/// word as <c>overflow-wrap: anywhere</c> would ("bob@exampl / e.test"). A part still wider than its box ends in an
/// ellipsis (kakunin.css, <c>.address</c>) and the whole address is in the title. Hand-written: a few lines, where the
/// breaks go is the point (issue 16: the Tracking page on a phone), and no library decides it.
/// </summary>
public static class AddressHtml
{
    public static IHtmlContent Breakable(string? address)
    {
        var text = address ?? string.Empty;
        var builder = new HtmlContentBuilder();
        builder.AppendHtml("<span class=\"address\" title=\"");
        builder.Append(text); // encoded, also for the attribute
        builder.AppendHtml("\">");
        // Each part in a span that never wraps (a hyphen or a CJK character would otherwise break it), a <wbr> between.
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            var end = i == text.Length || (text[i] is '@' or '.' && i < text.Length - 1);
            if (!end)
            {
                continue;
            }

            var stop = Math.Min(i + 1, text.Length);
            if (start > 0)
            {
                builder.AppendHtml("<wbr>");
            }

            builder.AppendHtml("<span class=\"address-part\">");
            builder.Append(text[start..stop]);
            builder.AppendHtml("</span>");
            start = stop;
        }

        builder.AppendHtml("</span>");
        return builder;
    }
}
