using System.Security.Cryptography;
using Kakunin.Store;
using Kakunin.Web.Ui.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;

namespace Kakunin.WebTests;

/// <summary>
/// The cookie keys kept in the store (migration 15): a cookie protected with the key files of a version before it
/// still opens once the keys live in the database, and two nodes on one database open each other's cookies.
/// </summary>
public sealed class CookieKeysInStoreTests : IAsyncLifetime
{
    // What ASP.NET Core's cookie authentication protects its tickets under (CookieAuthenticationHandler), for our scheme.
    private static readonly string[] CookiePurposes = ["Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware", "Cookies", "v2"];

    private readonly string _data = Directory.CreateTempSubdirectory("kakunin-keys-").FullName;
    private KakuninStore _store = null!;

    private string KeysFolder => Path.Combine(_data, DataProtectionKeys.FolderName);

    public async ValueTask InitializeAsync() => _store = await KakuninStore.OpenAsync(Path.Combine(_data, "store"), new StoreOptions { PasswordIterations = 1000 }, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public void A_cookie_signed_with_the_key_files_of_before_still_opens_with_the_keys_in_the_store()
    {
        var before = FileKeyRing().CreateProtector(CookiePurposes).Protect("session of alice");

        var after = StoreKeyRing(KeysFolder).CreateProtector(CookiePurposes);

        Assert.Equal("session of alice", after.Unprotect(before));
    }

    [Fact]
    public void Without_the_import_the_old_cookie_does_not_open()
    {
        // The counter-check of the test above: the store's own fresh key cannot read what the files' key signed.
        var before = FileKeyRing().CreateProtector(CookiePurposes).Protect("session of alice");

        var after = StoreKeyRing(Path.Combine(_data, "no-keys-here")).CreateProtector(CookiePurposes);

        Assert.ThrowsAny<CryptographicException>(() => after.Unprotect(before));
    }

    [Fact]
    public void Two_nodes_on_one_store_open_each_others_cookies()
    {
        var first = StoreKeyRing(KeysFolder);
        var second = StoreKeyRing(KeysFolder);

        var fromFirst = first.CreateProtector(CookiePurposes).Protect("signed in on node 1");

        Assert.Equal("signed in on node 1", second.CreateProtector(CookiePurposes).Unprotect(fromFirst));
    }

    // The configuration of versions before migration 15 (DataProtectionKeys.AddKakuninDataProtection then).
    private IDataProtectionProvider FileKeyRing()
    {
        var services = new ServiceCollection();
        services.AddDataProtection().SetApplicationName("Kakunin").PersistKeysToFileSystem(new DirectoryInfo(KeysFolder));
        services.Configure<KeyManagementOptions>(keys => keys.XmlEncryptor = new NullXmlEncryptor());
        return services.BuildServiceProvider().GetRequiredService<IDataProtectionProvider>();
    }

    private IDataProtectionProvider StoreKeyRing(string importFolder)
    {
        var services = new ServiceCollection();
        services.AddDataProtection().SetApplicationName("Kakunin").PersistKeysToStore(_store, importFolder, TimeProvider.System);
        return services.BuildServiceProvider().GetRequiredService<IDataProtectionProvider>();
    }
}
