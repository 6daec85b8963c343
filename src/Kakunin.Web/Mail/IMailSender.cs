using Kakunin.Mail.Compose;

namespace Kakunin.Web.Mail;

/// <summary>Hands a composed message to the queue for the signed-in user; returns the id of its Sent copy.</summary>
public interface IMailSender
{
    Task<long?> SendAsync(string user, ComposedMail mail, CancellationToken cancellationToken);
}
