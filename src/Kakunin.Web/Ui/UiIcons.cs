using Kakunin.Store;
using Microsoft.AspNetCore.Html;

namespace Kakunin.Web.Ui;

/// <summary>
/// Line icons drawn inline as SVG (24×24, stroke in the text colour), so they follow the colour scheme and need
/// no icon font or extra request. Always decorative (aria-hidden): the text beside them is the label.
/// </summary>
public static class UiIcons
{
    public static IHtmlContent Menu { get; } = Svg("<path d=\"M4 6h16M4 12h16M4 18h16\"/>");

    /// <summary>A paper clip: the message has attachments.</summary>
    public static IHtmlContent Attachment { get; } = Svg("<path d=\"M20 11.5l-7.8 7.8a5 5 0 01-7.1-7.1l8.5-8.5a3.3 3.3 0 014.7 4.7l-8.5 8.5a1.7 1.7 0 01-2.4-2.4L15 6.9\"/>");

    /// <summary>A pen: write a new message.</summary>
    public static IHtmlContent Compose { get; } = Svg("<path d=\"M4 20h4L19 9l-4-4L4 16z\"/><path d=\"M13.5 6.5l4 4\"/>");

    /// <summary>A slider pair: the settings pages.</summary>
    public static IHtmlContent Settings { get; } = Svg("<path d=\"M4 7h9M17 7h3M4 17h3M11 17h9\"/><circle cx=\"15\" cy=\"7\" r=\"2\"/><circle cx=\"9\" cy=\"17\" r=\"2\"/>");

    public static IHtmlContent Folder(string folder) => folder switch
    {
        MailFolders.Inbox => Inbox,
        MailFolders.Sent => Sent,
        MailFolders.Drafts => Drafts,
        MailFolders.Trash => Trash,
        MailFolders.Junk => Junk,
        MailFolders.Receipts => Receipts,
        _ => Other,
    };

    private static readonly IHtmlContent Inbox = Svg("<path d=\"M4 13l2.5-7.5h11L20 13v6H4z\"/><path d=\"M4 13h4.5l1 2.5h5l1-2.5H20\"/>");
    private static readonly IHtmlContent Sent = Svg("<path d=\"M21 3L10 14\"/><path d=\"M21 3l-7 18-4-7-7-4z\"/>");
    private static readonly IHtmlContent Drafts = Svg("<path d=\"M4 20h4L19 9l-4-4L4 16z\"/><path d=\"M13.5 6.5l4 4\"/>");
    private static readonly IHtmlContent Trash = Svg("<path d=\"M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13\"/>");
    private static readonly IHtmlContent Junk = Svg("<path d=\"M12 3l8 3v6c0 4.5-3.5 8-8 9-4.5-1-8-4.5-8-9V6z\"/><path d=\"M12 8v5M12 16v.5\"/>");
    private static readonly IHtmlContent Receipts = Svg("<circle cx=\"12\" cy=\"12\" r=\"9\"/><path d=\"M8 12.5l2.5 2.5L16 9.5\"/>");
    private static readonly IHtmlContent Other = Svg("<path d=\"M3 6h6l2 2h10v11H3z\"/>");

    private static HtmlString Svg(string paths) => new(
        "<svg class=\"icon\" viewBox=\"0 0 24 24\" width=\"20\" height=\"20\" fill=\"none\" stroke=\"currentColor\" " +
        "stroke-width=\"1.75\" stroke-linecap=\"round\" stroke-linejoin=\"round\" aria-hidden=\"true\" focusable=\"false\">" +
        paths + "</svg>");
}
