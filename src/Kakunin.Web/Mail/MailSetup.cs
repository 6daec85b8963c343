using Kakunin.Web.Ui.Folders;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kakunin.Web.Mail;

/// <summary>The services and endpoints of the mail pages (reading, compose), called from WebmailSetup.</summary>
public static class MailSetup
{
    public static IServiceCollection AddKakuninMail(this IServiceCollection services)
    {
        // Unread counts from the store (the host registers KakuninStore).
        services.TryAddSingleton<IFolderListProvider, StoreFolderListProvider>();
        return services;
    }
}
