using System.Text;

namespace Kakunin.Queue;

/// <summary>
/// RFC 5321 §4.4: at final delivery the server inserts <c>Return-Path: &lt;reverse-path&gt;</c> at the beginning of
/// the mail data; it MAY remove Return-Path fields already there, and does, so that exactly one Return-Path —
/// ours — is what the read-receipt decision compares with Disposition-Notification-To (RFC 8098 §2.1).
/// </summary>
internal static class ReturnPathHeader
{
    /// <summary>The message as stored in a mailbox: our Return-Path first, any earlier one removed, the rest byte for byte.</summary>
    public static byte[] Stamp(ReadOnlySpan<byte> content, string reversePath)
    {
        ArgumentNullException.ThrowIfNull(reversePath);
        var field = Encoding.UTF8.GetBytes($"Return-Path: <{reversePath}>\r\n");
        var kept = WithoutReturnPath(content);
        var result = new byte[field.Length + kept.Sum(r => r.Length)];
        field.CopyTo(result, 0);
        var at = field.Length;
        foreach (var range in kept)
        {
            content[range.Start..range.End].CopyTo(result.AsSpan(at));
            at += range.Length;
        }

        return result;
    }

    /// <summary>The byte ranges of <paramref name="content"/> that are not a Return-Path field of the header section.</summary>
    private static List<Piece> WithoutReturnPath(ReadOnlySpan<byte> content)
    {
        var kept = new List<Piece>();
        var keptFrom = 0;
        var position = 0;
        while (position < content.Length)
        {
            var lineEnd = LineEnd(content, position);
            if (content[position..lineEnd].Trim("\r\n"u8).IsEmpty)
            {
                break; // the blank line: end of the header section
            }

            var fieldEnd = lineEnd;
            while (fieldEnd < content.Length && content[fieldEnd] is (byte)' ' or (byte)'\t')
            {
                fieldEnd = LineEnd(content, fieldEnd); // folded continuation lines (RFC 5322 §2.2.3)
            }

            if (IsReturnPath(content[position..lineEnd]))
            {
                kept.Add(new Piece(keptFrom, position));
                keptFrom = fieldEnd;
            }

            position = fieldEnd;
        }

        kept.Add(new Piece(keptFrom, content.Length));
        return kept;
    }

    private static bool IsReturnPath(ReadOnlySpan<byte> line)
    {
        var colon = line.IndexOf((byte)':');
        return colon > 0 && Ascii.EqualsIgnoreCase(line[..colon].TrimEnd((byte)' '), "Return-Path");
    }

    private static int LineEnd(ReadOnlySpan<byte> content, int start)
    {
        var newline = content[start..].IndexOf((byte)'\n');
        return newline < 0 ? content.Length : start + newline + 1;
    }

    private readonly record struct Piece(int Start, int End)
    {
        public int Length => End - Start;
    }
}
