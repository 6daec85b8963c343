using Kakunin.Store;
using MimeKit;

namespace Kakunin.Web.Mail;

/// <summary>Reading a stored message's bytes as MIME, leniently: whatever arrived is shown rather than failing.</summary>
public static class StoredMail
{
    public static MimeMessage Parse(StoredMessage stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        using var stream = new MemoryStream(stored.Content.ToArray(), writable: false);
        try
        {
            return MimeMessage.Load(stream);
        }
        catch (FormatException)
        {
            // Not even a header block: show it as the text of an otherwise empty message.
            return new MimeMessage { Body = new TextPart("plain") { Text = System.Text.Encoding.UTF8.GetString(stored.Content.Span) } };
        }
    }
}
