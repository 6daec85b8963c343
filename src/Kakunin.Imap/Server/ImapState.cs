namespace Kakunin.Imap.Server;

/// <summary>RFC 9051 §3 connection states.</summary>
public enum ImapState
{
    NotAuthenticated,
    Authenticated,
    Selected,
    Logout,
}
