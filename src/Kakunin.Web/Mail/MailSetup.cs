using Kakunin.Web.Ui.Folders;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kakunin.Web.Mail;

/// <summary>The services of the mail pages (reading, compose), called from WebmailSetup.</summary>
public static class MailSetup
{
    /// <summary>
    /// Needs what the host (KakuninServer) registers: KakuninStore and Kakunin.Queue.MailSubmission. TryAdd: a host
    /// that brings its own keeps it.
    /// </summary>
    public static IServiceCollection AddKakuninMail(this IServiceCollection services)
    {
        services.TryAddSingleton<IFolderListProvider, StoreFolderListProvider>(); // unread counts from the store
        services.TryAddSingleton<IMailSender, QueueMailSender>();
        services.AddHostedService<Kakunin.Store.Search.SearchIndexer>(); // the search index, filled outside delivery (docs/webmail.md)
        return services;
    }
}
