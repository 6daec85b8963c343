using Kakunin.Authentication;
using Kakunin.Protocol;
using Kakunin.Store;
using MimeKit;

namespace Kakunin.Queue;

/// <summary>
/// Whether an internet sender is who their MAIL FROM says, read from the Authentication-Results this server stamped
/// on the message when it arrived (<see cref="MessageAuthentication.FromHeaders"/>): an SPF pass for the MAIL FROM
/// domain (RFC 7208 §2.4), or a DKIM pass whose d= is aligned with it (RFC 6376 §6.1, relaxed alignment RFC 7489
/// §3.1). Such a sender may get the success and delay DSNs they asked for (docs/queue.md, "Backscatter").
/// </summary>
internal static class SenderVouching
{
    public static bool Vouched(QueueMessageRecord message, byte[] content, QueueOptions options)
    {
        var domain = MailboxIdentity.DomainOf(message.ReversePath);
        if (domain.Length == 0)
        {
            return false; // the null reverse-path gets no DSN anyway (RFC 3461 §6.1)
        }

        try
        {
            using var stream = new MemoryStream(content, writable: false);
            var headers = HeaderList.Load(stream);
            return MessageAuthentication.FromHeaders(headers, options.HostName) is { } auth && auth.Vouches(domain, options.OrganizationalDomains);
        }
        catch (FormatException)
        {
            return false; // a header section MimeKit cannot read vouches for nobody
        }
    }
}
