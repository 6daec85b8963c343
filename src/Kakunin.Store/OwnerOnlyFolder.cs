namespace Kakunin.Store;

/// <summary>
/// Creates the data folder readable by its owner only (0700): it holds the database (mail, password hashes, DKIM
/// keys) and TLS keys, none of which another local user should read. A folder that already exists keeps the mode
/// its administrator gave it.
/// </summary>
public static class OwnerOnlyFolder
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public static void Create(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Directory.Exists(path))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, OwnerOnly);
        }
    }
}
