namespace Kakunin.Smtp.Client;

/// <summary>
/// The connection to the SMTP server can no longer be used: it was closed, timed out, or the
/// server sent something that is not an SMTP reply. Every recipient not yet decided is a
/// transient failure (RFC 5321 §4.5.3.2: a timeout means the client aborts the transaction).
/// </summary>
public sealed class SmtpConnectionException : Exception
{
    public SmtpConnectionException()
    {
    }

    public SmtpConnectionException(string message)
        : base(message)
    {
    }

    public SmtpConnectionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
