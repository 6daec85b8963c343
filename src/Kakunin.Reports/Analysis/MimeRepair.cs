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
        if (message.Body is not Multipart multipart)
        {
            return message;
        }

        if (RepairPart(multipart) is { } body)
        {
            return new MimeMessage(message.Headers.Where(h => h.Id != HeaderId.ContentType)) { Body = body };
        }

        // The same damage one level down (a nested multipart/alternative whose boundary parameter was
        // folded without indentation, so it never reached the Content-Type): repaired in place.
        RepairChildren(multipart, depth: 0);
        return message;
    }

    private static void RepairChildren(Multipart parent, int depth)
    {
        if (depth > 8)
        {
            return;
        }

        for (var i = 0; i < parent.Count; i++)
        {
            if (parent[i] is not Multipart child)
            {
                continue;
            }

            if (RepairPart(child) is { } repaired)
            {
                parent[i] = repaired;
            }
            else
            {
                RepairChildren(child, depth + 1);
            }
        }
    }

    private static Multipart? RepairPart(Multipart multipart)
    {
        if (multipart.Count != 0 || string.IsNullOrEmpty(multipart.Preamble))
        {
            return null;
        }

        var match = DelimiterPattern().Match(multipart.Preamble);
        if (!match.Success)
        {
            return null;
        }

        var boundary = match.Groups["b"].Value;
        var text = new StringBuilder()
            .Append("Content-Type: ").Append(multipart.ContentType.MimeType).Append("; boundary=\"").Append(boundary).Append("\"\r\n\r\n")
            .Append(multipart.Preamble)
            .ToString();
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return MimeEntity.Load(stream) is Multipart { Count: > 0 } body ? body : null;
    }

    [GeneratedRegex(@"^--(?<b>[A-Za-z0-9'()+_,./:=?\-]{1,70})\r?$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex DelimiterPattern();
}
