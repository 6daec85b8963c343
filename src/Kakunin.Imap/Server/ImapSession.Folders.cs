using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using System.Text.RegularExpressions;
using Kakunin.Imap.Backend;
using Kakunin.Imap.Protocol;

namespace Kakunin.Imap.Server;

/// <summary>Folder commands: CREATE, DELETE, RENAME, (UN)SUBSCRIBE, LIST (LIST-EXTENDED, LIST-STATUS), LSUB, STATUS, and mailbox names.</summary>
public sealed partial class ImapSession
{
    private static readonly string[] StatusItems = ["MESSAGES", "UIDNEXT", "UIDVALIDITY", "UNSEEN", "DELETED", "SIZE", "HIGHESTMODSEQ", "RECENT", "APPENDLIMIT"];

    /// <summary>A mailbox argument: modified UTF-7 decoded unless UTF-8 was enabled (RFC 6855 §3), "INBOX" in any case is INBOX.</summary>
    private string Mailbox(ImapParser p)
    {
        var raw = p.AString();
        var name = raw;
        if (!Utf8 && raw.Contains('&', StringComparison.Ordinal))
        {
            name = MailboxNames.FromModifiedUtf7(raw) ?? throw new ImapParseException("Invalid modified UTF-7 mailbox name");
        }

        if (name.Equals("INBOX", StringComparison.OrdinalIgnoreCase))
        {
            return "INBOX";
        }

        return name.StartsWith("INBOX/", StringComparison.OrdinalIgnoreCase) ? string.Concat("INBOX", name.AsSpan(5)) : name;
    }

    /// <summary>A mailbox name as the client must see it (modified UTF-7 for clients without UTF-8, RFC 3501 §5.1.3), written as a string.</summary>
    private string EncodeName(string name)
    {
        var wire = Utf8 || (Ascii.IsValid(name) && !name.Contains('&', StringComparison.Ordinal)) ? name : MailboxNames.ToModifiedUtf7(name);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        ImapStrings.WriteString(buffer, wire, Utf8);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private async ValueTask<ImapStep> CreateAsync(string tag, ImapParser p, PipeWriter w, CancellationToken ct)
    {
        p.Space();
        var name = Mailbox(p).TrimEnd('/'); // RFC 9051 §6.3.4: a trailing delimiter only says the client means a parent
        p.End();
        var outcome = await _backend.CreateFolderAsync(User!, name, ct).ConfigureAwait(false);
        return FolderOutcome(w, tag, outcome, "Create completed");
    }

    private async ValueTask<ImapStep> DeleteAsync(string tag, ImapParser p, PipeWriter w, CancellationToken ct)
    {
        p.Space();
        var name = Mailbox(p);
        p.End();
        var outcome = await _backend.DeleteFolderAsync(User!, name, ct).ConfigureAwait(false);
        return FolderOutcome(w, tag, outcome, "Delete completed");
    }

    private async ValueTask<ImapStep> RenameAsync(string tag, ImapParser p, PipeWriter w, CancellationToken ct)
    {
        p.Space();
        var from = Mailbox(p);
        p.Space();
        var to = Mailbox(p);
        p.End();
        var outcome = await _backend.RenameFolderAsync(User!, from, to, ct).ConfigureAwait(false);
        return FolderOutcome(w, tag, outcome, "Rename completed");
    }

    private async ValueTask<ImapStep> SubscribeAsync(string tag, ImapParser p, PipeWriter w, bool subscribe, CancellationToken ct)
    {
        p.Space();
        var name = Mailbox(p);
        p.End();
        var outcome = await _backend.SetSubscribedAsync(User!, name, subscribe, ct).ConfigureAwait(false);
        return FolderOutcome(w, tag, outcome, subscribe ? "Subscribe completed" : "Unsubscribe completed");
    }

    // RFC 5530 response codes, as Dovecot answers them.
    private ImapStep FolderOutcome(PipeWriter w, string tag, ImapFolderOutcome outcome, string done) => outcome switch
    {
        ImapFolderOutcome.Done => Ok(w, tag, done),
        ImapFolderOutcome.NoSuchFolder => No(w, tag, "[NONEXISTENT] Mailbox doesn't exist"),
        ImapFolderOutcome.AlreadyExists => No(w, tag, "[ALREADYEXISTS] Mailbox already exists"),
        _ => No(w, tag, "[CANNOT] Not allowed for this mailbox"),
    };

    /// <summary>
    /// LIST (RFC 9051 §6.3.9) with LIST-EXTENDED (RFC 5258) selection options SUBSCRIBED, SPECIAL-USE, RECURSIVEMATCH
    /// and return options SUBSCRIBED, CHILDREN, SPECIAL-USE, STATUS (RFC 5819); LSUB (RFC 3501 §6.3.9) for rev1.
    /// </summary>
    private async ValueTask<ImapStep> ListAsync(string tag, ImapParser p, PipeWriter w, bool lsub, CancellationToken ct)
    {
        p.Space();
        var onlySubscribed = lsub;
        var onlySpecialUse = false;
        var returnSubscribed = false;
        List<string>? statusItems = null;
        if (!lsub && p.TryTake('('))
        {
            while (!p.TryTake(')'))
            {
                p.TryTake(' ');
                var option = p.Atom().ToUpperInvariant();
                switch (option)
                {
                    case "SUBSCRIBED": onlySubscribed = true; returnSubscribed = true; break;
                    case "SPECIAL-USE": onlySpecialUse = true; break;
                    case "RECURSIVEMATCH": break;
                    case "REMOTE": break; // RFC 5258 §3: no remote mailboxes here
                    default: throw new ImapParseException($"Unknown LIST selection option {option}");
                }
            }

            p.Space();
        }

        var reference = Mailbox(p);
        p.Space();
        var patterns = new List<string>();
        if (!lsub && p.TryTake('('))
        {
            do
            {
                p.TryTake(' ');
                patterns.Add(ListPattern(p));
            }
            while (!p.TryTake(')'));
        }
        else
        {
            patterns.Add(ListPattern(p));
        }

        if (!lsub && !p.AtEnd)
        {
            p.Space();
            if (!p.TryWord("RETURN"))
            {
                throw new ImapParseException("Expected RETURN");
            }

            p.Space();
            p.Expect('(');
            while (!p.TryTake(')'))
            {
                p.TryTake(' ');
                var option = p.Atom().ToUpperInvariant();
                switch (option)
                {
                    case "SUBSCRIBED": returnSubscribed = true; break;
                    case "CHILDREN" or "SPECIAL-USE": break; // always returned
                    case "STATUS":
                        p.Space();
                        statusItems = StatusItemList(p);
                        break;
                    default: throw new ImapParseException($"Unknown LIST return option {option}");
                }
            }
        }

        p.End();
        var verb = lsub ? "LSUB" : "LIST";

        // RFC 9051 §6.3.9: an empty pattern asks for the delimiter and the root.
        if (patterns is [""])
        {
            Line(w, $"* {verb} (\\Noselect) \"/\" \"\"");
            return Ok(w, tag, $"{verb} completed");
        }

        var folders = await _backend.ListFoldersAsync(User!, ct).ConfigureAwait(false);
        var matchers = patterns.Select(pattern => PatternRegex(reference + pattern)).ToList();
        foreach (var folder in folders)
        {
            if ((onlySubscribed && !folder.Subscribed) || (onlySpecialUse && folder.SpecialUse == ImapSpecialUse.None)
                || !matchers.Any(m => m.IsMatch(folder.Name)))
            {
                continue;
            }

            var attributes = new List<string>();
            var hasChildren = folders.Any(f => f.Name.Length > folder.Name.Length + 1 && f.Name.StartsWith(folder.Name + "/", StringComparison.Ordinal));
            if (!lsub)
            {
                attributes.Add(hasChildren ? "\\HasChildren" : "\\HasNoChildren");
                if (SpecialUseAttribute(folder.SpecialUse) is { } special)
                {
                    attributes.Add(special);
                }

                if (returnSubscribed && folder.Subscribed)
                {
                    attributes.Add("\\Subscribed");
                }
            }

            Line(w, $"* {verb} ({string.Join(' ', attributes)}) \"/\" {EncodeName(folder.Name)}");
            if (statusItems is not null && await _backend.GetStatusAsync(User!, folder.Name, ct).ConfigureAwait(false) is { } status)
            {
                Line(w, StatusLine(folder.Name, status, statusItems));
            }

            await MaybeFlushAsync(w, ct).ConfigureAwait(false);
        }

        return Ok(w, tag, $"{verb} completed");
    }

    // list-mailbox: an astring or atom characters plus % and *.
    private static string ListPattern(ImapParser p)
    {
        if (p.Peek() is '"' or '{' or '~')
        {
            return p.AString();
        }

        var builder = new StringBuilder();
        while (p.Peek() is var c && c > ' ' && c < 0x7F && c is not ('(' or ')' or '{' or '"' or '\\'))
        {
            p.TryTake((char)c);
            builder.Append((char)c);
        }

        return builder.Length == 0 ? throw new ImapParseException("Expected a mailbox pattern") : builder.ToString();
    }

    // RFC 9051 §6.3.9: "*" matches anything, "%" anything but the delimiter; INBOX matches without regard to case.
    private Regex PatternRegex(string pattern)
    {
        if (!Utf8 && pattern.Contains('&', StringComparison.Ordinal))
        {
            pattern = MailboxNames.FromModifiedUtf7(pattern) ?? pattern;
        }

        if (pattern.StartsWith("INBOX", StringComparison.OrdinalIgnoreCase))
        {
            pattern = string.Concat("INBOX", pattern.AsSpan(5));
        }

        var builder = new StringBuilder("^");
        foreach (var c in pattern)
        {
            builder.Append(c switch
            {
                '*' => ".*",
                '%' => "[^/]*",
                _ => Regex.Escape(c.ToString()),
            });
        }

        return new Regex(builder.Append('$').ToString(), RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromSeconds(1));
    }

    private static string? SpecialUseAttribute(ImapSpecialUse use) => use switch
    {
        ImapSpecialUse.Sent => "\\Sent",
        ImapSpecialUse.Drafts => "\\Drafts",
        ImapSpecialUse.Trash => "\\Trash",
        ImapSpecialUse.Junk => "\\Junk",
        ImapSpecialUse.Archive => "\\Archive",
        _ => null,
    };

    private static List<string> StatusItemList(ImapParser p)
    {
        p.Expect('(');
        var items = new List<string>();
        do
        {
            p.TryTake(' ');
            var item = p.Atom().ToUpperInvariant();
            if (!StatusItems.Contains(item))
            {
                throw new ImapParseException($"Unknown STATUS item {item}");
            }

            items.Add(item);
        }
        while (!p.TryTake(')'));
        return items;
    }

    private async ValueTask<ImapStep> StatusAsync(string tag, ImapParser p, PipeWriter w, CancellationToken ct)
    {
        p.Space();
        var name = Mailbox(p);
        p.Space();
        var items = StatusItemList(p);
        p.End();
        var status = await _backend.GetStatusAsync(User!, name, ct).ConfigureAwait(false);
        if (status is null)
        {
            return No(w, tag, "[NONEXISTENT] Mailbox doesn't exist");
        }

        Line(w, StatusLine(name, status, items));
        return Ok(w, tag, "Status completed");
    }

    private string StatusLine(string name, ImapFolderStatus status, List<string> items)
    {
        var values = items.Select(item => item + " " + (item switch
        {
            "MESSAGES" => status.Messages.ToString(CultureInfo.InvariantCulture),
            "UIDNEXT" => status.UidNext.ToString(CultureInfo.InvariantCulture),
            "UIDVALIDITY" => status.UidValidity.ToString(CultureInfo.InvariantCulture),
            "UNSEEN" => status.Unseen.ToString(CultureInfo.InvariantCulture),
            "DELETED" => status.Deleted.ToString(CultureInfo.InvariantCulture),
            "SIZE" => status.Size.ToString(CultureInfo.InvariantCulture),
            "HIGHESTMODSEQ" => status.HighestModSeq.ToString(CultureInfo.InvariantCulture),
            "APPENDLIMIT" => _backend.AppendLimit.ToString(CultureInfo.InvariantCulture),
            _ => "0", // RECENT: never reported (RFC 9051 removed \Recent)
        }));
        return $"* STATUS {EncodeName(name)} ({string.Join(' ', values)})";
    }
}
