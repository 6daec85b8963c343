using System.Text.RegularExpressions;

namespace Kakunin.Store.Tests.Conventions;

/// <summary>
/// SQL parameters are written <c>@name</c>, which both Microsoft.Data.Sqlite and Npgsql bind; <c>$name</c> is
/// SQLite-only (docs/postgresql.md, "Inventory"). Scans every C# file under src/ for a <c>$name</c> token.
/// Not parameters, so allowed: IMAP keywords (RFC 3503 <c>$MDNSent</c>, RFC 5550 <c>$Forwarded</c>, RFC 9051 §2.3.2
/// and the IANA keyword registry), shell variables in upper case (<c>$KAKUNIN_DATA</c>), JSON paths (<c>'$.x'</c>,
/// no letter after the dollar) and interpolated strings (<c>$"</c>).
/// </summary>
public sealed partial class SqlParameterNameTests
{
    private static readonly HashSet<string> ImapKeywords = new(StringComparer.Ordinal)
    {
        "$MDNSent", "$Forwarded", "$Junk", "$NotJunk", "$Phishing", "$Important", "$SubmitPending", "$Submitted",
    };

    [Fact]
    public void No_SQL_parameter_in_src_is_written_with_a_dollar()
    {
        var found = new List<string>();
        foreach (var file in SourceFiles())
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (IsComment(lines[i]))
                {
                    continue;
                }

                foreach (Match token in DollarName().Matches(lines[i]))
                {
                    if (!ImapKeywords.Contains(token.Value) && !ShellVariable().IsMatch(token.Value))
                    {
                        found.Add($"{Path.GetRelativePath(RepositoryRoot(), file)}:{i + 1}: {token.Value}");
                    }
                }
            }
        }

        Assert.True(found.Count == 0, "Write SQL parameters as @name:\n" + string.Join('\n', found));
    }

    [Fact]
    public void The_scan_sees_the_store_sources()
    {
        // Guards the test above against passing because it looked in the wrong folder.
        Assert.Contains(SourceFiles(), f => f.EndsWith(Path.Combine("Kakunin.Store", "QueueRepository.cs"), StringComparison.Ordinal));
        Assert.Matches(DollarName(), "WHERE id = $id");
        Assert.DoesNotMatch(DollarName(), "json_extract(payload, '$.x') || $\"{x}\"");
    }

    private static bool IsComment(string line)
    {
        var trimmed = line.TrimStart();
        return trimmed.StartsWith("//", StringComparison.Ordinal) || trimmed.StartsWith('*');
    }

    private static IEnumerable<string> SourceFiles()
    {
        var src = Path.Combine(RepositoryRoot(), "src");
        return Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
    }

    private static string RepositoryRoot()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Kakunin.slnx")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("repository root not found");
        }

        return root;
    }

    [GeneratedRegex(@"(?<![\w$])\$[A-Za-z_]\w*", RegexOptions.CultureInvariant)]
    private static partial Regex DollarName();

    [GeneratedRegex(@"^\$[A-Z][A-Z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex ShellVariable();
}
