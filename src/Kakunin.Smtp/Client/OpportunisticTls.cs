namespace Kakunin.Smtp.Client;

/// <summary>Whether the client uses STARTTLS (RFC 3207) when a server offers it.</summary>
public enum OpportunisticTls
{
    /// <summary>
    /// Use STARTTLS when advertised, without verifying the certificate (RFC 7435 opportunistic
    /// security, Postfix smtp_tls_security_level=may). A failed handshake → the same host again in
    /// plaintext (when <see cref="SmtpOutboundOptions.PlaintextAfterTlsFailure"/>).
    /// </summary>
    Enabled,

    /// <summary>Never send STARTTLS.</summary>
    Disabled,
}
