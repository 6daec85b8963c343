using System.Diagnostics.CodeAnalysis;

namespace Kakunin.Protocol;

/// <summary>
/// The argument of RCPT TO: a mailbox, or the bare <c>&lt;Postmaster&gt;</c> that every server
/// must accept (RFC 5321 §4.1.1.3, §4.5.1). The null path is not allowed here.
/// </summary>
/// <remarks>
/// Two paths are equal when their mailboxes are (<see cref="Protocol.Mailbox"/> equality, RFC 5321 §2.4: local part
/// exact, domain case-insensitive); every spelling of <c>&lt;Postmaster&gt;</c> is one path. The SMTP server keeps a
/// repeated recipient once by this equality (RFC 5321 §3.3).
/// </remarks>
public sealed record ForwardPath
{
    private ForwardPath(Mailbox? mailbox) => Mailbox = mailbox;

    /// <summary>The local postmaster, <c>&lt;Postmaster&gt;</c> with no domain.</summary>
    public static readonly ForwardPath LocalPostmaster = new((Mailbox?)null);

    /// <summary>The mailbox; null only for <see cref="LocalPostmaster"/>.</summary>
    public Mailbox? Mailbox { get; }

    /// <summary>True for the domain-less <c>&lt;Postmaster&gt;</c> (case-insensitive).</summary>
    public bool IsLocalPostmaster => Mailbox is null;

    public static ForwardPath For(Mailbox mailbox)
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        return new ForwardPath(mailbox);
    }

    /// <summary>Parses exactly one path, e.g. <c>&lt;a@example.com&gt;</c> or <c>&lt;postmaster&gt;</c>.</summary>
    public static bool TryParse(string text, MailboxParseOptions options, [NotNullWhen(true)] out ForwardPath? path, out AddressError error)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(options);
        path = null;
        if (!PathSyntax.TryRead(text, 0, options, allowNull: false, allowPostmaster: true, out var mailbox, out _, out var end, out error))
        {
            return false;
        }

        if (end != text.Length)
        {
            error = AddressError.InvalidPath;
            return false;
        }

        path = new ForwardPath(mailbox);
        return true;
    }

    internal static ForwardPath FromParsed(Mailbox? mailbox) => new(mailbox);

    public override string ToString() => Mailbox is null ? "<Postmaster>" : $"<{Mailbox}>";
}
