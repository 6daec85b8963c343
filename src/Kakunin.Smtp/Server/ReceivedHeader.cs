using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Kakunin.Smtp.Server;

/// <summary>Builds the trace header the server prepends to each message (RFC 5321 §4.4, RFC 5322 §3.6.7).</summary>
public static class ReceivedHeader
{
    /// <summary>
    /// <c>Received: from HELO ([ip]) by host with PROTOCOL id SESSION [for &lt;rcpt&gt;]; date</c>, folded, ending
    /// with CRLF. The protocol is from RFC 3848 (ESMTP, ESMTPS, ESMTPA, ESMTPSA) or RFC 6531 §3.7.3 (UTF8SMTP…).
    /// The id is the session id: the queue id is only known after the backend accepts the message.
    /// The client's address is given without a reverse-DNS name; "for" only with exactly one recipient,
    /// so a multi-recipient message does not reveal its Bcc recipients to each other.
    /// </summary>
    public static string Format(SmtpSessionInfo session, SmtpEnvelope envelope, string hostName, bool ehlo, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(envelope);
        var protocol = (envelope.MailFrom.SmtpUtf8 ? "UTF8SMTP" : ehlo ? "ESMTP" : "SMTP")
            + (session.IsTls && ehlo ? "S" : string.Empty)
            + (session.AuthenticatedUser is not null && ehlo ? "A" : string.Empty);
        var helo = string.IsNullOrEmpty(session.HeloName) ? "unknown" : Sanitize(session.HeloName);
        var address = session.RemoteEndPoint?.Address is { } ip ? AddressLiteral(ip) : "[unknown]";
        var forClause = envelope.Recipients.Count == 1 ? $"\r\n\tfor {envelope.Recipients[0].ForwardPath}" : string.Empty;

        // RFC 5322 §3.3 date-time, in UTC.
        var date = now.ToUniversalTime().ToString("ddd, d MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);
        return $"Received: from {helo} ({address})\r\n\tby {hostName} with {protocol} id {session.SessionId}{forClause};\r\n\t{date}\r\n";
    }

    // RFC 5321 §4.1.3: IPv6 literals carry the "IPv6:" tag.
    private static string AddressLiteral(IPAddress ip)
    {
        if (ip.IsIPv4MappedToIPv6)
        {
            ip = ip.MapToIPv4();
        }

        return ip.AddressFamily == AddressFamily.InterNetworkV6 ? $"[IPv6:{ip}]" : $"[{ip}]";
    }

    // The HELO name is client-supplied text: keep it to printable ASCII without parentheses so it can't break the header.
    private static string Sanitize(string name)
    {
        var chars = name.Select(c => c is > ' ' and < (char)127 and not '(' and not ')' and not ';' ? c : '?').ToArray();
        return new string(chars);
    }
}
