namespace Kakunin.Smtp.Client;

/// <summary>
/// The TLS handshake after STARTTLS failed. The connection is unusable; with opportunistic TLS the
/// transport reconnects to the same host without STARTTLS (see docs/smtp-client.md).
/// </summary>
public sealed class SmtpTlsException : Exception
{
    public SmtpTlsException()
    {
    }

    public SmtpTlsException(string message)
        : base(message)
    {
    }

    public SmtpTlsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
