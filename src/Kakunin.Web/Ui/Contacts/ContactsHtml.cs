using Microsoft.AspNetCore.Html;

namespace Kakunin.Web.Ui.Contacts;

/// <summary>The contacts link's icon (a person, 24×24, stroke in the text colour, aria-hidden as every icon: its text is the label).</summary>
public static class ContactsHtml
{
    public static IHtmlContent Icon { get; } = new HtmlString(
        "<svg class=\"icon\" viewBox=\"0 0 24 24\" width=\"20\" height=\"20\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.75\" " +
        "stroke-linecap=\"round\" stroke-linejoin=\"round\" aria-hidden=\"true\" focusable=\"false\"><circle cx=\"12\" cy=\"8\" r=\"4\"/>" +
        "<path d=\"M4 20c1.5-4 4.5-6 8-6s6.5 2 8 6\"/></svg>");
}
