using System.Diagnostics.CodeAnalysis;

namespace Kakunin.Protocol;

/// <summary>
/// The argument of MAIL FROM: a mailbox, or the null path <c>&lt;&gt;</c> used by DSNs and MDNs
/// (RFC 5321 §4.5.5, §3.6.3).
/// </summary>
public sealed record ReversePath(Mailbox? Mailbox)
{
    public static readonly ReversePath Null = new((Mailbox?)null);

    /// <summary>True for <c>&lt;&gt;</c>.</summary>
    public bool IsNull => Mailbox is null;

    /// <summary>Parses exactly one path, e.g. <c>&lt;a@example.com&gt;</c>, <c>&lt;&gt;</c> or <c>&lt;@relay:a@example.com&gt;</c>.</summary>
    public static bool TryParse(string text, MailboxParseOptions options, [NotNullWhen(true)] out ReversePath? path, out AddressError error)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(options);
        path = null;
        if (!PathSyntax.TryRead(text, 0, options, allowNull: true, allowPostmaster: false, out var mailbox, out _, out var end, out error))
        {
            return false;
        }

        if (end != text.Length)
        {
            error = AddressError.InvalidPath;
            return false;
        }

        path = new ReversePath(mailbox);
        return true;
    }

    /// <summary>The path as sent: <c>&lt;&gt;</c> or <c>&lt;mailbox&gt;</c> (a source route is never written).</summary>
    public override string ToString() => Mailbox is null ? "<>" : $"<{Mailbox}>";
}
