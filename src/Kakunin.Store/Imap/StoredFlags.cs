namespace Kakunin.Store.Imap;

/// <summary>
/// The flags text of a stored message (space-separated, as the webmail writes it) read and changed as IMAP does:
/// flag names compare without regard to case (RFC 9051 §2.3.2), system flags are written in their RFC spelling,
/// \Recent is never stored (it is a property of a session, RFC 3501 §2.3.2), and unknown system flags are dropped.
/// </summary>
public static class StoredFlags
{
    private static readonly string[] SystemFlags = ["\\Seen", "\\Answered", "\\Flagged", "\\Deleted", "\\Draft"];

    /// <summary>\Deleted, which EXPUNGE removes.</summary>
    public const string Deleted = "\\Deleted";

    public static IReadOnlyList<string> Parse(string? flags) =>
        string.IsNullOrEmpty(flags) ? [] : flags.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public static bool Has(IReadOnlyList<string> flags, string flag) => flags.Any(f => f.Equals(flag, StringComparison.OrdinalIgnoreCase));

    /// <summary>The flags a client asked for, as they are stored: canonical system flags, no \Recent, no duplicates.</summary>
    public static List<string> Clean(IEnumerable<string> flags)
    {
        var list = new List<string>();
        foreach (var raw in flags)
        {
            string flag;
            if (raw.StartsWith('\\'))
            {
                var system = Array.Find(SystemFlags, s => s.Equals(raw, StringComparison.OrdinalIgnoreCase));
                if (system is null)
                {
                    continue; // \Recent and anything unknown
                }

                flag = system;
            }
            else
            {
                flag = raw;
            }

            if (flag.Length > 0 && !Has(list, flag))
            {
                list.Add(flag);
            }
        }

        return list;
    }

    /// <summary>The flags after the operation; the order of those kept stays as it was.</summary>
    public static List<string> Apply(IReadOnlyList<string> current, FlagOperation operation, IReadOnlyList<string> flags) => operation switch
    {
        FlagOperation.Replace => [.. flags],
        FlagOperation.Add => [.. current, .. flags.Where(f => !Has(current, f))],
        FlagOperation.Remove => [.. current.Where(f => !Has(flags, f))],
        _ => throw new ArgumentOutOfRangeException(nameof(operation)),
    };

    public static bool SameSet(IReadOnlyList<string> a, IReadOnlyList<string> b) =>
        a.Count == b.Count && a.All(f => Has(b, f));

    public static string Join(IEnumerable<string> flags) => string.Join(' ', flags);
}
