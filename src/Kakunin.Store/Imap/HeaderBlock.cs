namespace Kakunin.Store.Imap;

/// <summary>The header block of a message: its bytes up to and including the first empty line (RFC 5322 §2.1).</summary>
public static class HeaderBlock
{
    /// <summary>The header block's length: through the first empty line, with CRLF or bare LF line ends; the whole message when it has none.</summary>
    public static int LengthOf(ReadOnlySpan<byte> content)
    {
        for (var i = content.IndexOf((byte)'\n'); i >= 0 && i < content.Length - 1;)
        {
            if (content[i + 1] == '\n')
            {
                return i + 2;
            }

            if (content[i + 1] == '\r' && i + 2 < content.Length && content[i + 2] == '\n')
            {
                return i + 3;
            }

            var next = content[(i + 1)..].IndexOf((byte)'\n');
            i = next < 0 ? -1 : i + 1 + next;
        }

        return content.Length;
    }
}
