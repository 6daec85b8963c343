using System.Runtime.InteropServices;
using Kakunin.Imap.Search;
using MimeKit;

namespace Kakunin.Web.Imap;

/// <summary>
/// FROM and TO match names and addresses (RFC 9051 §6.4.4: the field's text; Dovecot matches both), but the store's
/// summary keeps only the display name where there is one ("Alice Example", docs/webmail.md). A key with FROM or TO
/// is therefore evaluated with the bytes read, and the row's From/To rebuilt from the header as "Name &lt;address&gt;".
/// </summary>
public static class SearchAddresses
{
    /// <summary>Whether the key has a FROM or TO anywhere (the summary is not enough for it).</summary>
    public static bool Needed(SearchKey key) => key switch
    {
        HeaderKey h => h.Field.Equals("From", StringComparison.OrdinalIgnoreCase) || h.Field.Equals("To", StringComparison.OrdinalIgnoreCase),
        AndKey a => a.Keys.Any(Needed),
        OrKey o => Needed(o.Left) || Needed(o.Right),
        NotKey n => Needed(n.Inner),
        _ => false,
    };

    /// <summary>The From and To fields of the header as decoded text with addresses; null for a field that is absent.</summary>
    public static (string? From, string? To) Read(ReadOnlyMemory<byte> content)
    {
        try
        {
            using var stream = MemoryMarshal.TryGetArray(content, out var segment) && segment.Array is not null
                ? new MemoryStream(segment.Array, segment.Offset, segment.Count, writable: false)
                : new MemoryStream(content.ToArray(), writable: false);
            var headers = HeaderList.Load(stream);
            return (Text(headers, HeaderId.From), Text(headers, HeaderId.To));
        }
        catch (FormatException)
        {
            return (null, null);
        }
    }

    private static string? Text(HeaderList headers, HeaderId id)
    {
        if (headers[id] is not { } raw)
        {
            return null;
        }

        return InternetAddressList.TryParse(raw, out var list) && list.Count > 0
            ? string.Join(", ", list.Select(a => a is MailboxAddress m ? (string.IsNullOrWhiteSpace(m.Name) ? m.Address : $"{m.Name} <{m.Address}>") : a.ToString()))
            : raw.Trim();
    }
}
