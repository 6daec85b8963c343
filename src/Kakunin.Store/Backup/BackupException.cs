namespace Kakunin.Store.Backup;

/// <summary>A backup or restore that could not be done; the message names the file or folder and is meant for the administrator.</summary>
public sealed class BackupException : Exception
{
    public BackupException(string message)
        : base(message)
    {
    }

    public BackupException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public BackupException()
    {
    }
}
