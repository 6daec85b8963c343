using Kakunin.Store.Space;
using Microsoft.Data.Sqlite;

namespace Kakunin.Web.Storage;

/// <summary>
/// Why the data folder cannot be used at start, in one sentence that names the folder and the cause: a full file
/// system, a read-only one, no permission, or (last) what the system said. <c>kakunin serve</c> prints it and exits 1.
/// </summary>
public static class DataFolderFault
{
    // https://sqlite.org/rescode.html
    private const int SqlitePerm = 3;
    private const int SqliteReadOnly = 8;
    private const int SqliteIoError = 10;
    private const int SqliteCantOpen = 14;
    private const int Erofs = 30; // Linux errno: read-only file system (.NET puts an unmapped errno in HResult)

    /// <summary>The sentence for <paramref name="fault"/>, met while preparing the data folder <paramref name="folder"/>.</summary>
    public static ServerStartException Explain(Exception fault, string folder)
    {
        ArgumentNullException.ThrowIfNull(fault);
        var path = Path.GetFullPath(folder);
        var space = new StorageSpace(ExistingAncestor(path), 0).Read();
        var cause = (fault.InnerException is { } inner && fault is not SqliteException ? $"{fault.Message} ({inner.Message})" : fault.Message).TrimEnd('.');
        var sentence = fault switch
        {
            _ when OutOfSpace.Is(fault, null) || (fault is SqliteException { SqliteErrorCode: SqliteIoError } && space is { Free: < 1024 * 1024 }) =>
                $"the data folder {path} is on a full file system ({Free(space)}): free space there or move the data folder, then start again ({cause})",
            IOException { HResult: Erofs } or SqliteException { SqliteErrorCode: SqliteReadOnly } =>
                $"the data folder {path} is on a read-only file system: mount it read-write or choose another folder with --data ({cause})",
            UnauthorizedAccessException or SqliteException { SqliteErrorCode: SqlitePerm or SqliteCantOpen } =>
                $"the data folder {path} cannot be written by this user ({Environment.UserName}): give it to that user (chown) or choose another folder with --data ({cause})",
            _ => $"the data folder {path} cannot be used: {cause}",
        };
        return new ServerStartException(sentence, fault);
    }

    private static string Free(SpaceReading? space) =>
        space is { } s ? $"{StorageSize.Format(s.Free)} free of {StorageSize.Format(s.Size)}" : "its free space cannot be read";

    // A folder that does not exist yet is measured on the file system it would be made on.
    private static string ExistingAncestor(string path)
    {
        var current = path;
        while (!Directory.Exists(current) && Path.GetDirectoryName(current) is { } parent)
        {
            current = parent;
        }

        return current;
    }
}
