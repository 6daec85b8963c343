using System.Globalization;

namespace Kakunin.Web.Ui;

/// <summary>File sizes for people: "812 bytes", "14 KB", "2.4 MB" (binary multiples, as file managers show them).</summary>
public static class ByteSize
{
    public static string Format(long bytes) => bytes switch
    {
        < 0 => throw new ArgumentOutOfRangeException(nameof(bytes)),
        < 1024 => bytes.ToString(CultureInfo.InvariantCulture) + " bytes",
        < 1024 * 1024 => Math.Ceiling(bytes / 1024.0).ToString(CultureInfo.InvariantCulture) + " KB",
        < 1024L * 1024 * 1024 => (bytes / (1024.0 * 1024)).ToString("0.#", CultureInfo.InvariantCulture) + " MB",
        _ => (bytes / (1024.0 * 1024 * 1024)).ToString("0.#", CultureInfo.InvariantCulture) + " GB",
    };
}
