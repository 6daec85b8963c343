using System.Net;

namespace Kakunin.Smtp.Client;

/// <summary>Settings of <see cref="SmtpOutboundTransport"/>; every default is stated and explained in docs/smtp-client.md.</summary>
public sealed record SmtpOutboundOptions
{
    /// <summary>The name sent in EHLO/HELO: this host's fully-qualified domain name (RFC 5321 §4.1.1.1).</summary>
    public required string HeloName { get; init; }

    /// <summary>When set, every message goes to this host and port; MX lookup is skipped.</summary>
    public DnsEndPoint? Smarthost { get; init; }

    /// <summary>The port of MX hosts (25; tests use another).</summary>
    public int Port { get; init; } = 25;

    /// <summary>At most this many MX hosts are tried per attempt (Postfix smtp_mx_address_limit: 5).</summary>
    public int MaxHosts { get; init; } = 5;

    public SmtpClientTimeouts Timeouts { get; init; } = SmtpClientTimeouts.Rfc5321;

    public OpportunisticTls Tls { get; init; } = OpportunisticTls.Enabled;

    /// <summary>After a failed TLS handshake, reconnect to the same host once without STARTTLS (default true, as Postfix at level "may").</summary>
    public bool PlaintextAfterTlsFailure { get; init; } = true;
}
