using System.Text;
using System.Text.RegularExpressions;

namespace Kakunin.Reports.Tests.Mdn;

/// <summary>
/// Golden files: read from the output folder, compared after normalising Date, Message-ID and
/// MIME boundaries. Rewritten (in the source folder) only when UPDATE_GOLDEN=1; a missing
/// golden file fails the test instead of being quietly created.
/// </summary>
internal static partial class GoldenFile
{
    public static void AssertMatches(string relativePath, string actual)
    {
        var normalised = Normalise(actual);
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            var target = Path.Combine(SourceFolder(), relativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllText(target, actual, new UTF8Encoding(false));
            return;
        }

        var path = Path.Combine(AppContext.BaseDirectory, relativePath);
        Assert.True(File.Exists(path), $"Golden file {relativePath} is missing; run with UPDATE_GOLDEN=1 and check it by hand.");
        var expected = Normalise(File.ReadAllText(path, Encoding.UTF8));
        Assert.Equal(expected, normalised);
    }

    public static string Normalise(string text)
    {
        text = DateLine().Replace(text, "Date: <DATE>");
        text = MessageIdLine().Replace(text, "Message-Id: <MESSAGE-ID>");
        var boundaries = Boundary().Matches(text).Select(m => m.Groups[1].Value).Distinct().ToList();
        for (var i = 0; i < boundaries.Count; i++)
        {
            text = text.Replace(boundaries[i], $"BOUNDARY-{i}", StringComparison.Ordinal);
        }

        return text;
    }

    private static string SourceFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Kakunin.Reports.Tests.csproj")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the test project folder above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^Date: .*$", RegexOptions.Multiline)]
    private static partial Regex DateLine();

    [GeneratedRegex(@"^Message-Id: .*$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex MessageIdLine();

    [GeneratedRegex("boundary=\"?([^\";\r\n]+)\"?")]
    private static partial Regex Boundary();
}
