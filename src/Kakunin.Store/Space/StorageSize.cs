using System.Globalization;

namespace Kakunin.Store.Space;

/// <summary>Sizes as an administrator writes and reads them: "256MiB", "1GiB", "0", "1048576"; "12.5 MiB" in messages.</summary>
public static class StorageSize
{
    private static readonly (string Suffix, long Factor)[] Units =
    [
        ("TiB", 1L << 40), ("GiB", 1L << 30), ("MiB", 1L << 20), ("KiB", 1L << 10),
        ("TB", 1_000_000_000_000), ("GB", 1_000_000_000), ("MB", 1_000_000), ("KB", 1_000), ("kB", 1_000),
        ("T", 1L << 40), ("G", 1L << 30), ("M", 1L << 20), ("K", 1L << 10), ("B", 1),
    ];

    /// <summary>
    /// A whole number of bytes, optionally with a unit: KiB/MiB/GiB/TiB (or K/M/G/T, also binary) and KB/MB/GB/TB
    /// (decimal). Null when <paramref name="text"/> is not a size.
    /// </summary>
    public static long? Parse(string? text)
    {
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        long factor = 1;
        foreach (var (suffix, f) in Units)
        {
            if (value.EndsWith(suffix, StringComparison.Ordinal))
            {
                value = value[..^suffix.Length].TrimEnd();
                factor = f;
                break;
            }
        }

        if (!decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }

        var bytes = number * factor;
        return bytes > long.MaxValue ? null : (long)Math.Round(bytes);
    }

    /// <summary>For people, in binary multiples: "0 bytes", "812 bytes", "64 KiB", "15.8 MiB", "2.1 GiB".</summary>
    public static string Format(long bytes) => bytes switch
    {
        < 1024 => bytes.ToString(CultureInfo.InvariantCulture) + " bytes",
        < 1L << 20 => Scaled(bytes, 1L << 10, "KiB"),
        < 1L << 30 => Scaled(bytes, 1L << 20, "MiB"),
        < 1L << 40 => Scaled(bytes, 1L << 30, "GiB"),
        _ => Scaled(bytes, 1L << 40, "TiB"),
    };

    private static string Scaled(long bytes, long unit, string name) =>
        (bytes / (double)unit).ToString("0.#", CultureInfo.InvariantCulture) + " " + name;
}
