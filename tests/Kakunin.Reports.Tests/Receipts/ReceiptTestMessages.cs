using Kakunin.Reports.Receipts;
using Kakunin.Reports.Tests.Mdn;
using MimeKit;

namespace Kakunin.Reports.Tests.Receipts;

/// <summary>Builds received messages and contexts for the decision tests.</summary>
internal static class ReceiptTestMessages
{
    public static readonly ReaderIdentity Bob = new(["bob@example.com"], ["example.com"]);

    public static MimeMessage Message(
        string dnt = "alice@example.com",
        string? returnPath = "alice@example.com",
        string from = "Alice <alice@example.com>",
        string to = "bob@example.com",
        string extra = "",
        string contentType = "text/plain; charset=us-ascii",
        string body = "Hello.\r\n")
    {
        var text =
            (returnPath is null ? string.Empty : $"Return-Path: <{returnPath}>\r\n") +
            $"From: {from}\r\nTo: {to}\r\nSubject: Hello\r\nMessage-ID: <m1@example.com>\r\n" +
            (dnt.Length == 0 ? string.Empty : $"Disposition-Notification-To: {dnt}\r\n") +
            extra +
            $"MIME-Version: 1.0\r\nContent-Type: {contentType}\r\n\r\n{body}";
        return Samples.Load(text);
    }

    public static ReceiptContext Context(
        MimeMessage message,
        ReceiptPolicy? policy = null,
        FolderKind folder = FolderKind.Inbox,
        bool mdnSent = false,
        AdministratorOverride admin = AdministratorOverride.None,
        ReceiptEvent ev = ReceiptEvent.Displayed,
        bool canPrompt = true) =>
        new(message, Bob, folder, mdnSent, policy ?? ReceiptPolicy.Default, admin, ev, canPrompt);

    public static readonly ReceiptPolicy AlwaysEverywhere = new(ReceiptChoice.Always, ReceiptChoice.Always, ReceiptChoice.Always, SendOnDeleteUnread: true);

    public static ReceiptDecision Decide(MimeMessage message, ReceiptPolicy? policy = null) =>
        ReceiptDecider.Decide(Context(message, policy));
}
