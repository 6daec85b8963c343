namespace Kakunin.Protocol;

/// <summary>
/// Reads <c>Path = "&lt;" [ A-d-l ":" ] Mailbox "&gt;"</c> (RFC 5321 §4.1.2) from a command
/// argument, ignoring any source route as §3.3 and Appendix C allow.
/// </summary>
internal static class PathSyntax
{
    /// <summary>
    /// Reads a path starting at <paramref name="start"/>. <paramref name="mailbox"/> is null for the
    /// null path "&lt;&gt;" (when <paramref name="allowNull"/>) and for "&lt;Postmaster&gt;" (when
    /// <paramref name="allowPostmaster"/>, then <paramref name="isPostmaster"/> is true).
    /// </summary>
    public static bool TryRead(
        string text,
        int start,
        MailboxParseOptions options,
        bool allowNull,
        bool allowPostmaster,
        out Mailbox? mailbox,
        out bool isPostmaster,
        out int end,
        out AddressError error)
    {
        mailbox = null;
        isPostmaster = false;
        end = start;
        if (start >= text.Length)
        {
            error = AddressError.Empty;
            return false;
        }

        if (text[start] != '<')
        {
            error = AddressError.InvalidPath;
            return false;
        }

        var pos = start + 1;
        if (pos < text.Length && text[pos] == '>')
        {
            end = pos + 1;
            error = allowNull ? AddressError.None : AddressError.NullPathNotAllowed; // RFC 5321 §4.1.1.2 / §4.1.1.3
            return allowNull;
        }

        // RFC 5321 §4.1.1.3: "<Postmaster>" without a domain, case-insensitive.
        const string Postmaster = "Postmaster>";
        if (allowPostmaster && string.Compare(text, pos, Postmaster, 0, Postmaster.Length, StringComparison.OrdinalIgnoreCase) == 0)
        {
            isPostmaster = true;
            end = pos + Postmaster.Length;
            error = AddressError.None;
            return true;
        }

        if (pos < text.Length && text[pos] == '@' && !TrySkipSourceRoute(text, ref pos))
        {
            error = AddressError.InvalidSourceRoute;
            return false;
        }

        var reader = new MailboxSyntax(text, pos, options);
        if (!reader.TryReadMailbox(out var local, out var domain, out error))
        {
            return false;
        }

        if (reader.Position >= text.Length || text[reader.Position] != '>')
        {
            error = AddressError.InvalidPath;
            return false;
        }

        end = reader.Position + 1;

        // RFC 5321 §4.5.3.1.3: 256 octets including the punctuation (the ignored route included).
        if (Mailbox.Octets(text[start..end]) > MailboxSyntax.MaxPathOctets)
        {
            error = AddressError.PathTooLong;
            return false;
        }

        if (!Mailbox.TryCreate(local, domain, options, out mailbox, out error))
        {
            return false;
        }

        return true;
    }

    /// <summary>A-d-l = At-domain *( "," At-domain ); At-domain = "@" Domain; then ":".</summary>
    private static bool TrySkipSourceRoute(string text, ref int pos)
    {
        while (true)
        {
            if (pos >= text.Length || text[pos] != '@')
            {
                return false;
            }

            var domainStart = ++pos;
            while (pos < text.Length && text[pos] is not (',' or ':' or '>'))
            {
                pos++;
            }

            if (pos >= text.Length || MailboxSyntax.CheckDomain(text[domainStart..pos], MailboxParseOptions.Utf8) != AddressError.None)
            {
                return false;
            }

            if (text[pos] == ':')
            {
                pos++;
                return true;
            }

            if (text[pos] != ',')
            {
                return false;
            }

            pos++;
        }
    }
}
