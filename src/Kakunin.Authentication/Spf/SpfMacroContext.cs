using System.Net;

namespace Kakunin.Authentication.Spf;

/// <summary>What the macro letters of RFC 7208 §7.3 stand for during one check_host().</summary>
/// <param name="Sender">"s": the full sender, local-part "@" domain (postmaster@HELO when MAIL FROM was empty).</param>
/// <param name="Domain">"d": the domain whose record is being evaluated.</param>
/// <param name="Client">"i", "c", "v": the SMTP client's address (IPv4-mapped addresses as IPv4).</param>
/// <param name="Helo">"h": the HELO/EHLO name.</param>
/// <param name="Receiver">"r": this server's host name (explanations only).</param>
/// <param name="Now">"t": the time of the check (explanations only).</param>
/// <param name="ValidatedName">"p": the validated domain name of the client (§5.5), or null for "unknown".</param>
internal sealed record SpfMacroContext(string Sender, string Domain, IPAddress Client, string Helo, string Receiver, DateTimeOffset Now, string? ValidatedName = null)
{
    public string LocalPart => Sender[..Sender.LastIndexOf('@')];

    public string SenderDomain => Sender[(Sender.LastIndexOf('@') + 1)..];
}
