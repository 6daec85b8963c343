using Kakunin.Store;
using Kakunin.Store.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Kakunin.Web.Ui.Security;

/// <summary>
/// The keys that sign and encrypt the session and antiforgery cookies, kept in the store (migration 15, table
/// data_protection_keys) so every node on one database reads one key ring (docs/postgresql.md). Versions before kept
/// them as files in &lt;data&gt;/keys: those are imported once (<see cref="StoreXmlRepository"/>), so a user signed in
/// before the upgrade stays signed in, and left in place (owner-only), so going back still works. On Linux there is
/// no key store to encrypt them with that the data folder itself does not hold (Windows has DPAPI, macOS a keychain):
/// they are protected like the rest of the database, by who may read it, and written unencrypted on purpose
/// (NullXmlEncryptor, in place of ASP.NET Core's "No XML encryptor configured" warning).
/// docs/security.md, "Cookie keys".
/// </summary>
public static class DataProtectionKeys
{
    public const string FolderName = "keys";

    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Registers data protection with its keys in the store registered in DI (with the <see cref="TimeProvider"/>),
    /// importing the key files of &lt;data&gt;/keys; returns that folder, narrowed to owner-only when it exists.
    /// </summary>
    public static string AddKakuninDataProtection(this IServiceCollection services, string dataDirectory)
    {
        var folder = Path.GetFullPath(Path.Combine(dataDirectory, FolderName));
        if (Directory.Exists(folder))
        {
            // The old key files stay (a downgrade reads them) and still open cookies: owner-only as before.
            MakeOwnerOnly(folder);
        }

        services.AddDataProtection().SetApplicationName("Kakunin");
        services.AddOptions<KeyManagementOptions>().Configure<KakuninStore, TimeProvider>((keys, store, time) =>
            UseStore(keys, store, folder, time));
        return folder;
    }

    /// <summary>
    /// Keeps the key ring in <paramref name="store"/> (migration 15, <see cref="StoreXmlRepository"/>), importing the
    /// files of <paramref name="importFolder"/> first, unencrypted as the files were. For a host that has no store in
    /// DI (tests); the server calls <see cref="AddKakuninDataProtection"/>.
    /// </summary>
    public static IDataProtectionBuilder PersistKeysToStore(this IDataProtectionBuilder builder, KakuninStore store, string importFolder, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure<KeyManagementOptions>(keys => UseStore(keys, store, importFolder, time));
        return builder;
    }

    private static void UseStore(KeyManagementOptions keys, KakuninStore store, string importFolder, TimeProvider time)
    {
        keys.XmlRepository = new StoreXmlRepository(new DataProtectionKeyRepository(store), importFolder, time);
        keys.XmlEncryptor = new NullXmlEncryptor();
    }

    /// <summary>Creates <paramref name="folder"/> as 0700, or narrows an existing one (and its files, 0600) from a run before this rule.</summary>
    public static void MakeOwnerOnly(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            // The folder inherits the data folder's access list; there is no mode to set.
            Directory.CreateDirectory(folder);
            return;
        }

        Directory.CreateDirectory(folder, OwnerOnlyFolder);
        File.SetUnixFileMode(folder, OwnerOnlyFolder);
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            File.SetUnixFileMode(file, OwnerOnlyFile);
        }
    }
}
