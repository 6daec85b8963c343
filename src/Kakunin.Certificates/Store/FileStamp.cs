namespace Kakunin.Certificates.Store;

/// <summary>Modification time and size of a chain + key pair: a different stamp means the files were replaced.</summary>
internal readonly record struct FileStamp(DateTime CertificateWritten, long CertificateLength, DateTime KeyWritten, long KeyLength)
{
    public bool CertificateExists => CertificateLength >= 0;

    public static FileStamp Of(string certificateFile, string keyFile)
    {
        var (certificateWritten, certificateLength) = Stat(certificateFile);
        var (keyWritten, keyLength) = Stat(keyFile);
        return new FileStamp(certificateWritten, certificateLength, keyWritten, keyLength);
    }

    /// <summary>Whether either file was written less than <paramref name="window"/> before <paramref name="now"/>.</summary>
    public bool ChangedWithin(DateTimeOffset now, TimeSpan window) =>
        now.UtcDateTime - CertificateWritten < window || now.UtcDateTime - KeyWritten < window;

    private static (DateTime Written, long Length) Stat(string path)
    {
        try
        {
            var info = new FileInfo(path);
            return info.Exists ? (info.LastWriteTimeUtc, info.Length) : (DateTime.MinValue, -1);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (DateTime.MinValue, -1);
        }
    }
}
