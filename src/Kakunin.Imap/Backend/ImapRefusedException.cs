namespace Kakunin.Imap.Backend;

/// <summary>
/// Thrown by a backend that cannot do what a command asks for a reason the user should hear (the disk is full, the store
/// is damaged): the session answers the command <c>NO [<see cref="ResponseCode"/>] <see cref="Exception.Message"/></c>
/// and keeps serving. Codes from RFC 5530 (e.g. OVERQUOTA, UNAVAILABLE, LIMIT).
/// </summary>
public sealed class ImapRefusedException : Exception
{
    public ImapRefusedException(string responseCode, string message, Exception? innerException = null)
        : base(message, innerException) => ResponseCode = responseCode;

    public ImapRefusedException()
        : this("UNAVAILABLE", "Refused")
    {
    }

    public ImapRefusedException(string message)
        : this("UNAVAILABLE", message)
    {
    }

    public ImapRefusedException(string message, Exception innerException)
        : this("UNAVAILABLE", message, innerException)
    {
    }

    /// <summary>The RFC 5530 response code, without brackets.</summary>
    public string ResponseCode { get; }
}
