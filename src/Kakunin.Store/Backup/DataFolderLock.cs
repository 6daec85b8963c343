namespace Kakunin.Store.Backup;

/// <summary>
/// <c>kakunin.lock</c> in the data folder, held for as long as a server runs on the folder (and while a restore
/// replaces its files). It is an advisory lock on an open file, not the file's existence: .NET takes
/// <c>flock(LOCK_EX)</c> for <see cref="FileShare.None"/> on Unix, and the kernel drops it when the process ends in
/// any way, SIGKILL included, so a server that crashed never leaves a stale lock behind (a PID file would). A second
/// server, or a restore, that finds it held is refused instead of working on files in use.
/// </summary>
public sealed class DataFolderLock : IDisposable
{
    public const string FileName = "kakunin.lock";

    private readonly FileStream _stream;

    private DataFolderLock(FileStream stream, string path)
    {
        _stream = stream;
        Path = path;
    }

    /// <summary>The lock file's full path.</summary>
    public string Path { get; }

    /// <summary>The lock file of <paramref name="dataFolder"/>.</summary>
    public static string PathIn(string dataFolder) => System.IO.Path.Combine(System.IO.Path.GetFullPath(dataFolder), FileName);

    /// <summary>
    /// Takes the lock of <paramref name="dataFolder"/> (creating the folder and the file when needed); null when another
    /// process holds it. <paramref name="holder"/> is written into the file for people who look (e.g. "kakunin serve").
    /// </summary>
    public static DataFolderLock? TryAcquire(string dataFolder, string holder)
    {
        OwnerOnlyFolder.Create(dataFolder);
        var path = PathIn(dataFolder);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException) when (File.Exists(path))
        {
            // EWOULDBLOCK from flock: another process has it (UnauthorizedAccessException, a permission problem, is not caught).
            return null;
        }

        stream.SetLength(0);
        using (var writer = new StreamWriter(stream, leaveOpen: true))
        {
            writer.Write($"{holder}, pid {Environment.ProcessId}, since {DateTimeOffset.UtcNow:yyyy-MM-dd'T'HH:mm:ss'Z'}\n");
        }

        stream.Flush();
        return new DataFolderLock(stream, path);
    }

    /// <summary>Lets go of the lock; the file stays (removing it could race with a process that just opened it).</summary>
    public void Dispose() => _stream.Dispose();
}
