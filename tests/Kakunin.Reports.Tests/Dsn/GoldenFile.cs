using System.Text;
using System.Text.RegularExpressions;
using MimeKit;

namespace Kakunin.Reports.Tests.Dsn;

/// <summary>
/// Compares composed messages to Golden/Dsn/*.eml in the source tree. Files are (re)written only
/// when UPDATE_GOLDEN=1; a missing file fails the test rather than being quietly accepted.
/// </summary>
internal static partial class GoldenFile
{
    public static readonly FormatOptions Crlf = new() { NewLineFormat = NewLineFormat.Dos };

    public static string Write(MimeMessage message, bool international = false)
    {
        var options = Crlf.Clone();
        options.International = international;
        using var stream = new MemoryStream();
        message.WriteTo(options, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Replaces the MIME boundaries, and the Date and Message-ID of the top header block only.</summary>
    public static string Normalise(string text)
    {
        var boundaries = BoundaryPattern().Matches(text).Select(m => m.Groups[1].Value).Distinct().ToList();
        for (var i = 0; i < boundaries.Count; i++)
        {
            text = text.Replace(boundaries[i], $"BOUNDARY-{i + 1}", StringComparison.Ordinal);
        }

        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = text[..end];
        head = DatePattern().Replace(head, "Date: DATE", 1);
        head = MessageIdPattern().Replace(head, "Message-Id: <MESSAGE-ID>", 1);
        return head + text[end..];
    }

    public static void AssertMatches(string name, MimeMessage message, bool international = false)
    {
        var actual = Normalise(Write(message, international));
        var path = Path.Combine(SourceFolder(), "Golden", "Dsn", name + ".eml");
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllBytes(path, Encoding.UTF8.GetBytes(actual));
            return;
        }

        Assert.True(File.Exists(path), $"Golden file {path} is missing; run with UPDATE_GOLDEN=1 and check it by hand.");
        var expected = Encoding.UTF8.GetString(File.ReadAllBytes(path));
        Assert.Equal(expected, actual);
    }

    private static string SourceFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Kakunin.Reports.Tests.csproj")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Kakunin.Reports.Tests.csproj not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("boundary=\"?([^\";\\r\\n]+)\"?")]
    private static partial Regex BoundaryPattern();

    [GeneratedRegex(@"^Date: [^\r\n]*(\r\n[ \t][^\r\n]*)*", RegexOptions.Multiline)]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^Message-Id: [^\r\n]*", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex MessageIdPattern();
}
