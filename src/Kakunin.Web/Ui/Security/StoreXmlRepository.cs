using System.Xml.Linq;
using Kakunin.Store.Security;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Kakunin.Web.Ui.Security;

/// <summary>
/// The cookie keys' XML repository over the store's data_protection_keys table (migration 15), in place of the files
/// in &lt;data&gt;/keys, so every node on one database reads the same key ring (docs/postgresql.md). Before the first
/// read it copies the key files an older version wrote in the import folder into the table (a name already there is
/// left alone), so cookies signed before the upgrade still open after it; the files stay, so going back still works.
/// The key ring calls this synchronously and rarely (at start, at each refresh, about daily, and to make a key, every
/// 90 days), so the store's asynchronous calls are waited for here.
/// </summary>
public sealed class StoreXmlRepository(DataProtectionKeyRepository keys, string importFolder, TimeProvider time) : IXmlRepository
{
    private readonly Lock _importLock = new();
    private bool _imported;

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        ImportOnce();
        return keys.ReadAllAsync(CancellationToken.None).GetAwaiter().GetResult().Select(XElement.Parse).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        ArgumentException.ThrowIfNullOrEmpty(friendlyName);
        ImportOnce();
        keys.AddAsync(friendlyName, element.ToString(SaveOptions.DisableFormatting), time.GetUtcNow(), CancellationToken.None).GetAwaiter().GetResult();
    }

    private void ImportOnce()
    {
        lock (_importLock)
        {
            if (_imported)
            {
                return;
            }

            if (Directory.Exists(importFolder))
            {
                // ASP.NET Core's FileSystemXmlRepository names each file "<friendlyName>.xml".
                foreach (var file in Directory.EnumerateFiles(importFolder, "*.xml").Order(StringComparer.Ordinal))
                {
                    var element = XElement.Parse(File.ReadAllText(file));
                    keys.AddAsync(Path.GetFileNameWithoutExtension(file), element.ToString(SaveOptions.DisableFormatting),
                        new DateTimeOffset(File.GetLastWriteTimeUtc(file), TimeSpan.Zero), CancellationToken.None).GetAwaiter().GetResult();
                }
            }

            _imported = true;
        }
    }
}
