using Kakunin.Imap.Backend;

namespace Kakunin.Web.Imap;

/// <summary>How the host registers the IMAP backend (the server's listeners are registered by the IMAP server's own extension).</summary>
public static class ImapSetup
{
    /// <summary>
    /// Registers <see cref="StoreImapBackend"/> as the <see cref="IImapBackend"/>; needs the KakuninStore, PasswordSignIn
    /// and TimeProvider singletons <c>kakunin serve</c> registers.
    /// </summary>
    public static IServiceCollection AddKakuninImapBackend(this IServiceCollection services, ImapBackendOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(options ?? new ImapBackendOptions());
        services.AddSingleton<IImapBackend, StoreImapBackend>();
        return services;
    }
}
