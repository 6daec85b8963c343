namespace Kakunin.Imap.Protocol;

/// <summary>A command's arguments do not follow the grammar (RFC 9051 §9): the session answers a tagged BAD with the message.</summary>
public sealed class ImapParseException : Exception
{
    public ImapParseException()
    {
    }

    public ImapParseException(string message)
        : base(message)
    {
    }

    public ImapParseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
