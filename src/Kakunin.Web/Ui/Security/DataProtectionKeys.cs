using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Kakunin.Web.Ui.Security;

/// <summary>
/// The keys that sign and encrypt the session and antiforgery cookies, kept in the data folder (sessions survive a
/// restart; two servers never share keys). On Linux there is no key store to encrypt them with that the data folder
/// itself does not hold (Windows has DPAPI, macOS a keychain): a key kept beside them would stop nobody who can read
/// the folder. So they are protected by who may read them: the folder is the owner's only (0700, files 0600), which
/// keeps out other local users, not root nor anyone with a copy of the disk or a backup. They are written unencrypted
/// on purpose (NullXmlEncryptor, in place of ASP.NET Core's "No XML encryptor configured" warning).
/// docs/security.md, "Cookie keys".
/// </summary>
public static class DataProtectionKeys
{
    public const string FolderName = "keys";

    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Registers data protection with its keys in &lt;data&gt;/keys, made owner-only; returns that folder.</summary>
    public static string AddKakuninDataProtection(this IServiceCollection services, string dataDirectory)
    {
        var folder = Path.GetFullPath(Path.Combine(dataDirectory, FolderName));
        MakeOwnerOnly(folder);
        services.AddDataProtection()
            .SetApplicationName("Kakunin")
            .PersistKeysToFileSystem(new DirectoryInfo(folder));
        services.Configure<KeyManagementOptions>(keys => keys.XmlEncryptor = new NullXmlEncryptor());
        return folder;
    }

    /// <summary>
    /// Keeps the key ring in the store (migration 15, <see cref="StoreXmlRepository"/>), importing the files of
    /// <paramref name="importFolder"/> first, unencrypted as the files were. For several nodes on one database
    /// (docs/postgresql.md); the server still uses the files (<see cref="AddKakuninDataProtection"/>) until it switches.
    /// </summary>
    public static IDataProtectionBuilder PersistKeysToStore(this IDataProtectionBuilder builder, Kakunin.Store.KakuninStore store, string importFolder, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var repository = new StoreXmlRepository(new Kakunin.Store.Security.DataProtectionKeyRepository(store), importFolder, time);
        builder.Services.Configure<KeyManagementOptions>(keys =>
        {
            keys.XmlRepository = repository;
            keys.XmlEncryptor = new NullXmlEncryptor();
        });
        return builder;
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
