using MimeKit;

namespace Kakunin.Mail.Compose;

/// <summary>Reads the address fields of the compose form, as people type them.</summary>
public static class AddressInput
{
    /// <summary>
    /// Parses "Bob &lt;bob@example.test&gt;, carol@example.net; …". Returns the mailboxes, and the pieces that are not
    /// an address (to show back to the person rather than guess).
    /// </summary>
    public static (IReadOnlyList<MailboxAddress> Mailboxes, IReadOnlyList<string> Invalid) Parse(string? text)
    {
        var mailboxes = new List<MailboxAddress>();
        var invalid = new List<string>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return (mailboxes, invalid);
        }

        // RFC 5322 separates with commas; people also type semicolons (Outlook's separator) and new lines.
        var normalised = text.Replace(';', ',').Replace('\n', ',').Replace('\r', ' ');
        if (InternetAddressList.TryParse(ParserOptions.Default, normalised, out var list))
        {
            foreach (var mailbox in list.Mailboxes)
            {
                if (IsAddress(mailbox.Address))
                {
                    mailboxes.Add(mailbox);
                }
                else
                {
                    invalid.Add(mailbox.ToString());
                }
            }

            return (mailboxes, invalid);
        }

        // The whole field did not parse: try piece by piece so the person sees which one is wrong.
        foreach (var piece in normalised.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (MailboxAddress.TryParse(piece, out var one) && IsAddress(one.Address))
            {
                mailboxes.Add(one);
            }
            else
            {
                invalid.Add(piece);
            }
        }

        return (mailboxes, invalid);
    }

    private static bool IsAddress(string address)
    {
        var at = address.LastIndexOf('@');
        return at > 0 && at < address.Length - 1 && !address.Contains(' ', StringComparison.Ordinal);
    }
}
