namespace Kakunin.Bench;

/// <summary>Locating the shared bounce corpus (never copied into the repository).</summary>
internal static class Corpus
{
    /// <summary>The directory given, or ../shared/corpus/bounces relative to the repository root.</summary>
    public static string Directory(string[] args)
    {
        if (args.Length > 0)
        {
            return Path.GetFullPath(args[0]);
        }

        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Kakunin.slnx")))
        {
            dir = dir.Parent;
        }

        var root = dir?.FullName ?? System.IO.Directory.GetCurrentDirectory();
        var preferred = Path.GetFullPath(Path.Combine(root, "..", "shared", "corpus", "bounces"));

        // A git worktree sits deeper than the main checkout: look further up for shared/ too.
        for (var up = new DirectoryInfo(root).Parent; up is not null && !System.IO.Directory.Exists(preferred); up = up.Parent)
        {
            var candidate = Path.Combine(up.FullName, "shared", "corpus", "bounces");
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return preferred;
    }
}
