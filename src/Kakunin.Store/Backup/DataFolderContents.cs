namespace Kakunin.Store.Backup;

/// <summary>
/// Which files of the data folder are state a backup must carry besides the database. Everything is, except what
/// is listed here, so a file some part of Kakunin adds later (certificates, ACME account keys) is carried without a
/// change here:
/// <list type="bullet">
/// <item>the database's own files (kakunin.db, -wal, -shm, -journal): the database travels as one consistent snapshot;</item>
/// <item>spool/: content of SMTP transactions still in progress; none of it has had its 250, so the client still owns it;</item>
/// <item>kakunin.lock: it belongs to the running process;</item>
/// <item>kakunin.db.before-v*, before-restore-*/, .restore-*/: copies Kakunin keeps aside for you, and a restore in progress;</item>
/// <item>symbolic links (e.g. to certbot's live/ folder: back up their targets where they are).</item>
/// </list>
/// </summary>
public static class DataFolderContents
{
    public const string SpoolFolder = "spool";

    public const string BeforeRestorePrefix = "before-restore-";

    public const string RestoreStagingPrefix = ".restore-";

    /// <summary>The database file and the files SQLite keeps beside it.</summary>
    public static IEnumerable<string> DatabaseFiles(string databaseFileName) =>
        [databaseFileName, databaseFileName + "-wal", databaseFileName + "-shm", databaseFileName + "-journal"];

    /// <summary>The state files under <paramref name="dataFolder"/>, as relative paths with '/' separators, sorted.</summary>
    public static IReadOnlyList<string> StateFiles(string dataFolder, string databaseFileName)
    {
        var root = Path.GetFullPath(dataFolder);
        var skipped = new HashSet<string>(DatabaseFiles(databaseFileName), StringComparer.Ordinal) { DataFolderLock.FileName };
        var files = new List<string>();
        Walk(new DirectoryInfo(root), "");
        files.Sort(StringComparer.Ordinal);
        return files;

        void Walk(DirectoryInfo folder, string prefix)
        {
            foreach (var entry in folder.EnumerateFileSystemInfos())
            {
                var name = prefix + entry.Name;
                if (entry.LinkTarget is not null)
                {
                    continue;
                }

                if (entry is DirectoryInfo directory)
                {
                    var topLevelSkip = prefix.Length == 0 &&
                        (entry.Name == SpoolFolder || entry.Name.StartsWith(BeforeRestorePrefix, StringComparison.Ordinal) || entry.Name.StartsWith(RestoreStagingPrefix, StringComparison.Ordinal));
                    if (!topLevelSkip)
                    {
                        Walk(directory, name + "/");
                    }
                }
                else if (entry is FileInfo &&
                    !(prefix.Length == 0 && (skipped.Contains(entry.Name) || entry.Name.StartsWith(UpgradeCopy.Prefix(databaseFileName), StringComparison.Ordinal))))
                {
                    files.Add(name);
                }
            }
        }
    }
}
