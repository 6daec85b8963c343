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
