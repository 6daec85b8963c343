using System.Text;
using System.Text.RegularExpressions;
using MimeKit;

namespace Kakunin.Reports.Analysis;

/// <summary>
/// Repairs the commonest MIME damage in real bounces: a multipart whose declared boundary does not
/// match the delimiter lines actually used (RFC 2046 §5.1.1), which leaves every part in the preamble.
/// The first delimiter-looking line of the preamble is taken as the boundary and the body re-parsed.
/// </summary>
internal static partial class MimeRepair
{
    public static MimeMessage Repair(MimeMessage message)
    {
        if (message.Body is not Multipart { Count: 0 } multipart || string.IsNullOrEmpty(multipart.Preamble))
        {
            return message;
        }

        var match = DelimiterPattern().Match(multipart.Preamble);
        if (!match.Success)
        {
            return message;
        }

        var boundary = match.Groups["b"].Value;
        var text = new StringBuilder()
            .Append("Content-Type: ").Append(multipart.ContentType.MimeType).Append("; boundary=\"").Append(boundary).Append("\"\r\n\r\n")
            .Append(multipart.Preamble)
            .ToString();
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        var body = MimeEntity.Load(stream);
        if (body is not Multipart { Count: > 0 })
        {
            return message;
        }

        var repaired = new MimeMessage(message.Headers.Where(h => h.Id != HeaderId.ContentType)) { Body = body };
        return repaired;
    }

    [GeneratedRegex(@"^--(?<b>[A-Za-z0-9'()+_,./:=?\-]{1,70})\r?$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex DelimiterPattern();
}
