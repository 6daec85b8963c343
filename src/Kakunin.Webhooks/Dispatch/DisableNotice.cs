using MimeKit;

namespace Kakunin.Webhooks.Dispatch;

/// <summary>The mail put in an endpoint owner's INBOX when the endpoint is disabled: what, why, and how to turn it back on.</summary>
internal static class DisableNotice
{
    public static byte[] Create(string owner, string url, string reason, DateTimeOffset at)
    {
        var domain = Protocol.MailboxIdentity.DomainOf(owner);
        var message = new MimeMessage { Subject = "Webhook disabled: " + url, Date = at, MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId(string.IsNullOrEmpty(domain) ? "localhost" : domain) };
        message.From.Add(new MailboxAddress("Kakunin", "postmaster@" + (string.IsNullOrEmpty(domain) ? "localhost" : domain)));
        message.To.Add(MailboxAddress.Parse(owner));
        message.Body = new TextPart("plain")
        {
            Text =
                $"Your webhook endpoint {url} has been disabled: {reason}.\n" +
                "No more events are sent to it. Events that happened meanwhile stay in its delivery log.\n" +
                "To turn it back on, open Settings > Webhooks in the webmail and choose \"Re-enable\".\n\n" +
                $"Webhook エンドポイント {url} を無効にしました（理由: {reason}）。\n" +
                "以後このエンドポイントにはイベントを送りません。再開するには Web メールの「設定 > Webhooks」で「再有効化」を選んでください。\n",
        };
        message.Prepare(EncodingConstraint.SevenBit); // the Japanese lines travel as quoted-printable or base64
        using var stream = new MemoryStream();
        message.WriteTo(FormatOptions.Default, stream);
        return stream.ToArray();
    }
}
