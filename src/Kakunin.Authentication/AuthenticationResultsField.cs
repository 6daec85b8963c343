using System.Text;

namespace Kakunin.Authentication;

/// <summary>
/// Puts this server's Authentication-Results field at the top of a message's bytes (RFC 8601 §5: "prepended"),
/// having removed every field that claims this server's authserv-id, however it is written (RFC 8601 §5: a
/// border MTA "MUST delete" such fields that arrive from outside, or they could pass for ours). Pure bytes in,
/// bytes out: the rest of the message is left as it is.
/// </summary>
public static class AuthenticationResultsField
{
    private static readonly byte[] Name = Encoding.ASCII.GetBytes(MessageAuthentication.HeaderName);

    /// <summary>The message with our field first and no other field carrying its authserv-id.</summary>
    public static byte[] Stamp(ReadOnlySpan<byte> message, MessageAuthentication authentication)
    {
        ArgumentNullException.ThrowIfNull(authentication);
        var field = Encoding.UTF8.GetBytes(Format(authentication.ToHeaderValue()));
        var output = new MemoryStream(message.Length + field.Length);
        output.Write(field);
        var position = 0;
        while (position < message.Length)
        {
            var end = FieldEnd(message, position);
            if (end == position) break; // the empty line that ends the header section, or a line that is no field
            if (!Claims(message[position..end], authentication.AuthservId)) output.Write(message[position..end]);
            position = end;
        }
        output.Write(message[position..]);
        return output.ToArray();
    }

    /// <summary>"Authentication-Results: " and the value, folded before each method when longer than a line (RFC 5322 §2.2.3) so lines stay short.</summary>
    internal static string Format(string value)
    {
        var sb = new StringBuilder(MessageAuthentication.HeaderName.Length + value.Length + 16).Append(MessageAuthentication.HeaderName).Append(": ");
        if (sb.Length + value.Length <= 78) return sb.Append(value).Append("\r\n").ToString(); // RFC 5322 §2.1.1: 78 is short enough
        var quoted = false;
        var comment = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '"' && comment == 0 && (i == 0 || value[i - 1] != '\\')) quoted = !quoted;
            else if (!quoted && c == '(') comment++;
            else if (!quoted && c == ')' && comment > 0) comment--;
            if (c == ';' && !quoted && comment == 0 && i + 1 < value.Length && value[i + 1] == ' ')
            {
                sb.Append(";\r\n\t");
                i++; // the space becomes the fold
                continue;
            }
            sb.Append(c);
        }
        return sb.Append("\r\n").ToString();
    }

    /// <summary>The end of the header field starting at <paramref name="start"/> (its continuation lines included), or start when there is none.</summary>
    private static int FieldEnd(ReadOnlySpan<byte> message, int start)
    {
        if (message[start] is (byte)'\r' or (byte)'\n' or (byte)' ' or (byte)'\t') return start;
        var position = start;
        while (true)
        {
            var lf = message[position..].IndexOf((byte)'\n');
            if (lf < 0) return message.Length;
            position += lf + 1;
            if (position >= message.Length || message[position] is not ((byte)' ' or (byte)'\t')) return position;
        }
    }

    /// <summary>Whether a whole field is an Authentication-Results field whose authserv-id is <paramref name="authservId"/>.</summary>
    private static bool Claims(ReadOnlySpan<byte> field, string authservId)
    {
        var colon = field.IndexOf((byte)':');
        if (colon < 0 || !Ascii.EqualsIgnoreCase(field[..colon].TrimEnd(" \t"u8), Name)) return false;
        var value = Encoding.UTF8.GetString(field[(colon + 1)..]);
        return string.Equals(AuthservIdOf(value), authservId.Trim(), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>RFC 8601 §2.2: authserv-id = value (a token or quoted-string) after optional CFWS; read leniently.</summary>
    internal static string AuthservIdOf(string value)
    {
        var i = 0;
        var comment = 0;
        while (i < value.Length && (char.IsWhiteSpace(value[i]) || value[i] == '(' || comment > 0))
        {
            if (value[i] == '(') comment++;
            else if (value[i] == ')' && comment > 0) comment--;
            i++;
        }
        if (i < value.Length && value[i] == '"')
        {
            var close = value.IndexOf('"', i + 1);
            return close < 0 ? value[(i + 1)..] : value[(i + 1)..close];
        }
        var start = i;
        while (i < value.Length && value[i] is not (';' or '(' or ' ' or '\t' or '\r' or '\n')) i++;
        return value[start..i];
    }
}
