namespace Kakunin.StoreBench;

/// <summary>Prints a Markdown table on stdout: the first column left-aligned, the numbers right-aligned.</summary>
internal static class Markdown
{
    public static void Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        Console.WriteLine("| " + string.Join(" | ", header) + " |");
        Console.WriteLine("|" + string.Join("|", header.Select((_, i) => i == 0 ? "---" : "---:")) + "|");
        foreach (var row in rows)
        {
            Console.WriteLine("| " + string.Join(" | ", row) + " |");
        }
    }

    /// <summary>Milliseconds, whole, with a thousands separator.</summary>
    public static string Ms(TimeSpan time) => time.TotalMilliseconds.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

    public static string Count(long count) => count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
}
