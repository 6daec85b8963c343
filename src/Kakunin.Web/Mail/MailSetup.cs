using Kakunin.Queue;
using Kakunin.Store;
using Kakunin.Web.Ui.Folders;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kakunin.Web.Mail;

/// <summary>The services of the mail pages (reading, compose), called from WebmailSetup.</summary>
public static class MailSetup
{
    /// <summary>
    /// Needs what the host registers for the queue (KakuninStore, QueueOptions, TimeProvider, QueueMetrics and
    /// QueueSignal). TryAdd throughout: a host that brings its own keeps it.
    /// </summary>
    public static IServiceCollection AddKakuninMail(this IServiceCollection services)
    {
        // Unread counts from the store.
        services.TryAddSingleton<IFolderListProvider, StoreFolderListProvider>();
        services.TryAddSingleton(sp => new MailSubmission(
            sp.GetRequiredService<KakuninStore>(),
            sp.GetRequiredService<QueueOptions>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<QueueMetrics>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<MailSubmission>(),
            sp.GetService<QueueSignal>()));
        services.TryAddSingleton<IMailSender, QueueMailSender>();
        return services;
    }
}
