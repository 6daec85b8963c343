using System.Net;

namespace Kakunin.Authentication;

/// <summary>What the SMTP session knows about a message when it ends DATA.</summary>
/// <param name="Client">The SMTP client's address (null when unknown: SPF is then not checked).</param>
/// <param name="Helo">The EHLO/HELO name.</param>
/// <param name="MailFrom">The MAIL FROM address; null or empty for the null reverse-path.</param>
/// <param name="AuthenticatedUser">The SMTP AUTH user, or another name for a trusted submitter; null for mail from the internet.</param>
public sealed record AuthenticationRequest(IPAddress? Client, string? Helo, string? MailFrom, string? AuthenticatedUser);
