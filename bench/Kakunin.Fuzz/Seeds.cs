using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Kakunin.Fuzz;

/// <summary>
/// Seed inputs from the team's own test files (never the shared corpus): the client side of the SMTP transcripts in
/// tests/Kakunin.Smtp.Tests/Transcripts, and the report fixtures in tests/Kakunin.Reports.Tests.
/// </summary>
public static partial class Seeds
{
    private static readonly string[] ReportFolders = ["Fixtures", "Golden"];

    /// <summary>The repository root: the first folder upwards that holds Kakunin.slnx.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The client bytes of every transcript (C: lines with CRLF, R: lines raw), one seed per file.</summary>
    public static IReadOnlyList<byte[]> SmtpTranscripts() =>
        [.. Directory.GetFiles(Path.Combine(RepositoryRoot, "tests", "Kakunin.Smtp.Tests", "Transcripts"), "*.smtp")
            .Order(StringComparer.Ordinal)
            .Select(ClientBytes)];

    /// <summary>Every .eml under the report tests' Fixtures and Golden folders.</summary>
    public static IReadOnlyList<byte[]> ReportMessages()
    {
        var root = Path.Combine(RepositoryRoot, "tests", "Kakunin.Reports.Tests");
        return [.. ReportFolders
            .SelectMany(d => Directory.GetFiles(Path.Combine(root, d), "*.eml", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllBytes)];
    }

    private static byte[] ClientBytes(string path)
    {
        var bytes = new List<byte>();
        foreach (var line in File.ReadAllLines(path))
        {
            if (line.StartsWith("C: ", StringComparison.Ordinal) || line == "C:")
            {
                bytes.AddRange(Unescape(line.Length > 3 ? line[3..] : string.Empty));
                bytes.AddRange("\r\n"u8.ToArray());
            }
            else if (line.StartsWith("R: ", StringComparison.Ordinal))
            {
                bytes.AddRange(Unescape(line[3..]));
            }
        }

        return [.. bytes];
    }

    // The transcript escapes: \r \n \0 \\ \xHH, and {N*c} for N times c.
    private static byte[] Unescape(string text)
    {
        text = Repeat().Replace(text, m => new string(m.Groups[2].Value[0], int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)));
        var bytes = new List<byte>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\' || i + 1 >= text.Length)
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(text[i].ToString()));
                continue;
            }

            i++;
            switch (text[i])
            {
                case 'r': bytes.Add((byte)'\r'); break;
                case 'n': bytes.Add((byte)'\n'); break;
                case '0': bytes.Add(0); break;
                case 'x':
                    bytes.Add(byte.Parse(text.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    i += 2;
                    break;
                default: bytes.Add((byte)text[i]); break;
            }
        }

        return [.. bytes];
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Kakunin.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Kakunin.slnx not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"\{(\d+)\*(.)\}")]
    private static partial Regex Repeat();
}
