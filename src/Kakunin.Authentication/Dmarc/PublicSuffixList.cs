using Kakunin.Protocol;

namespace Kakunin.Authentication.Dmarc;

/// <summary>
/// The organizational domain (RFC 7489 §3.2) from the Public Suffix List (https://publicsuffix.org/list/), read
/// from Debian's <c>publicsuffix</c> package by default. The list's algorithm: the rule matching most labels wins,
/// an exception rule ("!") wins over all and drops its leftmost label, "*" matches one label, and a name no rule
/// matches has the implicit rule "*". Rules with Unicode labels are kept in A-label form, and names are compared
/// in that form.
/// </summary>
public sealed class PublicSuffixList : IOrganizationalDomains
{
    /// <summary>Where Debian's publicsuffix package puts the list.</summary>
    public const string DebianPath = "/usr/share/publicsuffix/public_suffix_list.dat";

    private readonly HashSet<string> _rules = new(StringComparer.Ordinal);
    private readonly HashSet<string> _wildcards = new(StringComparer.Ordinal); // "*.ck" kept as "ck"
    private readonly HashSet<string> _exceptions = new(StringComparer.Ordinal); // "!www.ck" kept as "www.ck"

    private PublicSuffixList(IEnumerable<string> lines)
    {
        foreach (var raw in lines)
        {
            // Each line is one rule up to the first whitespace; "//" starts a comment line.
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith("//", StringComparison.Ordinal)) continue;
            var rule = line.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries)[0].ToLowerInvariant();
            if (rule.StartsWith('!')) _exceptions.Add(Ascii(rule[1..]));
            else if (rule.StartsWith("*.", StringComparison.Ordinal)) _wildcards.Add(Ascii(rule[2..]));
            else _rules.Add(Ascii(rule));
        }
    }

    /// <summary>Number of rules read (a list that lost its content shows up as a small number in tests and logs).</summary>
    public int Count => _rules.Count + _wildcards.Count + _exceptions.Count;

    /// <summary>Reads the list at <paramref name="path"/> (default: Debian's).</summary>
    public static PublicSuffixList Load(string? path = null) => new(File.ReadLines(string.IsNullOrWhiteSpace(path) ? DebianPath : path));

    /// <summary>
    /// The configured list, or Debian's; when none is configured and Debian's file is missing (a machine without the
    /// <c>publicsuffix</c> package: README's quick start must still run), a short built-in list of the common
    /// multi-label suffixes, and <paramref name="warning"/> says so. A configured path that does not exist throws.
    /// </summary>
    public static PublicSuffixList LoadOrFallback(string? path, out string? warning)
    {
        warning = null;
        if (!string.IsNullOrWhiteSpace(path) || File.Exists(DebianPath)) return Load(path);
        warning = $"The Public Suffix List was not found at {DebianPath} (Debian package publicsuffix): DMARC alignment " +
                  "uses a short built-in list of suffixes until it is installed or Kakunin:Authentication:PublicSuffixList is set.";
        return Parse(Fallback);
    }

    // Ours, from the registries' published second-level structures: enough that example.co.uk and example.co.jp are
    // organizational domains. Not a substitute for the real list, which has thousands of rules.
    internal const string Fallback = """
        ac.uk
        co.uk
        gov.uk
        ltd.uk
        me.uk
        net.uk
        org.uk
        plc.uk
        ac.jp
        ad.jp
        co.jp
        ed.jp
        go.jp
        gr.jp
        lg.jp
        ne.jp
        or.jp
        com.au
        net.au
        org.au
        edu.au
        gov.au
        co.nz
        com.br
        com.cn
        com.tw
        co.kr
        co.in
        co.za
        com.mx
        """;

    /// <summary>
    /// The short built-in list alone: the default where no host has wired the full list (a library used on its own,
    /// unit tests). The server wires <see cref="LoadOrFallback"/>.
    /// </summary>
    public static PublicSuffixList BuiltIn { get; } = Parse(Fallback);

    /// <summary>A list from its text (tests).</summary>
    public static PublicSuffixList Parse(string text) => new(text.Split('\n'));

    public string Of(string domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        var name = Ascii(domain.Trim().TrimEnd('.').ToLowerInvariant());
        var labels = name.Split('.');
        if (labels.Length == 0 || labels.Any(l => l.Length == 0)) return name;
        var suffix = PublicSuffixLabels(labels);
        // RFC 7489 §3.2 step 4: the public suffix plus one more label; a name that is itself a suffix stays as it is.
        return suffix >= labels.Length ? name : string.Join('.', labels[^(suffix + 1)..]);
    }

    /// <summary>How many labels, counted from the right, make up the public suffix of <paramref name="labels"/>.</summary>
    private int PublicSuffixLabels(string[] labels)
    {
        var best = 1; // the implicit "*" rule
        for (var i = 0; i < labels.Length; i++)
        {
            var candidate = string.Join('.', labels[i..]);
            var count = labels.Length - i;
            if (_exceptions.Contains(candidate)) return count - 1; // an exception rule prevails over every other
            if (count > best && (_rules.Contains(candidate) || (i + 1 < labels.Length && _wildcards.Contains(string.Join('.', labels[(i + 1)..])))))
                best = count;
        }
        return best;
    }

    private static string Ascii(string name) => name.All(char.IsAscii) ? name : DomainNames.TryToAscii(name, out var a) ? a : name;
}
