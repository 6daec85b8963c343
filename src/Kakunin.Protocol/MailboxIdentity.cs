using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Kakunin.Protocol;

/// <summary>
/// Who an address names: the one rule for "is this the same mailbox?" and "what key does the store file it under?",
/// used by the store, the queue, report matching, read receipts and authentication alike. <see cref="Mailbox"/> is
/// the strict wire syntax; this is identity, read leniently from wherever an address turns up (an RCPT TO, a
/// <c>Final-Recipient: rfc822; &lt;Bob@Example.COM&gt;</c>, a quoted prose address, a header).
/// </summary>
/// <remarks>
/// Decisions (docs/architecture.md, "Addresses"):
/// <list type="bullet">
/// <item>Local part: kept as written (unquoted, case preserved) but compared case-insensitively (invariant lower
/// case). RFC 5321 §2.4 leaves the case of a local part to the server that owns the mailbox; this server folds the
/// case of its own users and aliases, as every mainstream server does, and it keys what it tracks the same way, so
/// one rule covers local and remote addresses.</item>
/// <item>Domain: case-insensitive (RFC 5321 §2.4), without a trailing root dot, and U-labels converted to A-labels
/// (IDNA2008, RFC 5891 §5) so <c>日本語.jp</c> and <c>xn--wgv71a119e.jp</c> are one domain. An address literal is
/// kept as written, lower-cased.</item>
/// <item><see cref="Key"/>: the lower-cased local part (quoted where the wire needs it) "@" the canonical domain — a
/// valid addr-spec, so the queue can send to it.</item>
/// <item><see cref="IsExactly"/>: the strict comparison (local part case-sensitive) for the one place a standard
/// requires it, RFC 8098 §2.1.</item>
/// </list>
/// </remarks>
public sealed class MailboxIdentity : IEquatable<MailboxIdentity>
{
    private MailboxIdentity(string localPart, string domain)
    {
        LocalPart = localPart;
        Domain = domain;
        Key = MailboxSyntax.FormatLocalPart(localPart.ToLowerInvariant()) + "@" + domain;
    }

    /// <summary>The local part, unquoted, case as written.</summary>
    public string LocalPart { get; }

    /// <summary>The domain, canonical (<see cref="DomainNames.Canonical"/>).</summary>
    public string Domain { get; }

    /// <summary>The form the store keys the address by, and compares with: equal keys, same mailbox.</summary>
    public string Key { get; }

    /// <summary><c>postmaster</c> at any domain (RFC 5321 §4.5.1; compared case-insensitively, §4.1.1.3).</summary>
    public bool IsPostmaster => LocalPart.Equals("postmaster", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Reads an address leniently: an RFC 3464 §2.3.2 address-type prefix (<c>rfc822;</c>), angle brackets, a source
    /// route (<c>@a,@b:</c>), a whole-address quote and trailing punctuation from prose are dropped; quotes and
    /// backslash escapes in the local part are undone. Split at the last <c>@</c> (a quoted local part may hold one).
    /// </summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out MailboxIdentity? identity)
    {
        identity = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim();
        var semi = s.IndexOf(';', StringComparison.Ordinal);
        if (semi >= 0 && semi < s.IndexOf('@', StringComparison.Ordinal) && !s.StartsWith('"'))
        {
            s = s[(semi + 1)..].Trim(); // "rfc822; bob@…"
        }

        var open = s.IndexOf('<', StringComparison.Ordinal);
        var close = s.LastIndexOf('>');
        if (open >= 0 && close > open)
        {
            s = s[(open + 1)..close].Trim(); // "Bob <bob@…>" or "<bob@…>"
        }

        if (s.StartsWith('@') && s.IndexOf(':', StringComparison.Ordinal) is var colon and > 0)
        {
            s = s[(colon + 1)..]; // RFC 5321 §4.1.2 source route, obsolete, ignored (§C)
        }

        s = s.Trim().TrimEnd('.', ',', ';', ':');
        if (s.Length >= 2 && s[0] == '"' && s[^1] == '"' && s.IndexOf('"', 1) == s.Length - 1)
        {
            s = s[1..^1].Trim(); // the whole address quoted, as prose bounces write it
        }

        var at = s.LastIndexOf('@');
        if (at <= 0 || at == s.Length - 1)
        {
            return false;
        }

        var domain = DomainNames.Canonical(s[(at + 1)..]);
        if (domain.Length == 0)
        {
            return false;
        }

        identity = new MailboxIdentity(Unquote(s[..at]), domain);
        return true;
    }

    /// <summary>Reads an address leniently (<see cref="TryParse"/>), or null.</summary>
    public static MailboxIdentity? Parse(string? text) => TryParse(text, out var identity) ? identity : null;

    /// <summary>The identity of a parsed SMTP mailbox.</summary>
    public static MailboxIdentity Of(Mailbox mailbox)
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        return new MailboxIdentity(mailbox.LocalPart, DomainNames.Canonical(mailbox.Domain));
    }

    /// <summary>The store key of an address (<see cref="Key"/>); text that is no address is only trimmed and lower-cased.</summary>
    public static string KeyOf(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return TryParse(address, out var identity) ? identity.Key : address.Trim().ToLowerInvariant();
    }

    /// <summary>The canonical domain of an address; empty when there is none.</summary>
    public static string DomainOf(string? address) => Parse(address)?.Domain ?? string.Empty;

    /// <summary>Whether two addresses name the same mailbox; false when either is no address.</summary>
    public static bool Same(string? a, string? b) =>
        TryParse(a, out var x) && TryParse(b, out var y) && x.Equals(y);

    /// <summary>
    /// The comparison RFC 8098 §2.1 prescribes (after RFC 5322): addr-spec only, the local part case-sensitive, the
    /// domain case-insensitive. Stricter than <see cref="Equals(MailboxIdentity?)"/>, and used only where that
    /// standard says so.
    /// </summary>
    public bool IsExactly(MailboxIdentity? other) =>
        other is not null && string.Equals(LocalPart, other.LocalPart, StringComparison.Ordinal) && Domain == other.Domain;

    public bool Equals(MailboxIdentity? other) => other is not null && Key == other.Key;

    public override bool Equals(object? obj) => Equals(obj as MailboxIdentity);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Key);

    /// <summary>The address as written, with its canonical domain.</summary>
    public override string ToString() => MailboxSyntax.FormatLocalPart(LocalPart) + "@" + Domain;

    private static string Unquote(string local)
    {
        if (!local.Contains('"', StringComparison.Ordinal) && !local.Contains('\\', StringComparison.Ordinal))
        {
            return local;
        }

        var sb = new StringBuilder(local.Length);
        for (var i = 0; i < local.Length; i++)
        {
            if (local[i] == '\\' && i + 1 < local.Length)
            {
                sb.Append(local[++i]);
            }
            else if (local[i] != '"')
            {
                sb.Append(local[i]);
            }
        }

        return sb.ToString();
    }
}
