namespace Kakunin.Imap.Protocol;

/// <summary>Mailbox names on the wire: modified UTF-7 (RFC 3501 §5.1.3) unless the client enabled UTF8=ACCEPT (RFC 6855).</summary>
public static class MailboxNames
{
    /// <summary>Encodes a folder name in modified UTF-7.</summary>
    public static string ToModifiedUtf7(string name) => throw new NotImplementedException("written by the imap-message work");

    /// <summary>Decodes a modified UTF-7 name; null when it is not valid modified UTF-7 (the server answers BAD).</summary>
    public static string? FromModifiedUtf7(string encoded) => throw new NotImplementedException("written by the imap-message work");
}
