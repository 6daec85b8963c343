namespace Kakunin.Certificates;

/// <summary>Writes private keys: readable by the owner only, replaced atomically (a reader never sees half a file).</summary>
internal static class SecretFile
{
    public static void Write(string path, string text) => Write(path, text, secret: true);

    /// <summary>Writes to a temporary file beside <paramref name="path"/> and renames it over the old one.</summary>
    public static void Write(string path, string text, bool secret)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (secret && !OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(text);
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
