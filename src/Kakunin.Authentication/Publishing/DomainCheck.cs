namespace Kakunin.Authentication.Publishing;

/// <summary>
/// Looks up the records <see cref="DomainRecords"/> says a domain needs and says, per record, what is missing or
/// wrong. Only what can be judged from the records themselves: SPF is checked for shape (one record, no "+all"),
/// not evaluated; DKIM keys are compared with this server's own.
/// </summary>
public static class DomainCheck
{
    public static async Task<IReadOnlyList<RecordFinding>> RunAsync(IReadOnlyList<DomainRecord> expected, IRecordLookup dns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(dns);
        var findings = new List<RecordFinding>();
        foreach (var record in expected)
        {
            var answer = await dns.LookupAsync(record.Name, record.Type, cancellationToken).ConfigureAwait(false);
            findings.Add(answer.Failure is { } failure
                ? new RecordFinding(record, RecordProblem.LookupFailed, [], failure)
                : Judge(record, answer.Values));
        }

        return findings;
    }

    internal static RecordFinding Judge(DomainRecord record, IReadOnlyList<string> values)
    {
        var relevant = record.Kind switch
        {
            RecordKind.Mx => values,
            RecordKind.Spf => values.Where(v => IsVersion(v, "v=spf1")).ToList(), // RFC 7208 §4.5: other TXT records are ignored
            RecordKind.Dmarc => values.Where(v => IsVersion(v, "v=DMARC1")).ToList(),
            RecordKind.MtaSts => values.Where(v => IsVersion(v, "v=STSv1")).ToList(),
            RecordKind.TlsRpt => values.Where(v => IsVersion(v, "v=TLSRPTv1")).ToList(),
            _ => values,
        };
        if (relevant.Count == 0)
        {
            return new RecordFinding(record, record.Optional ? RecordProblem.OptionalMissing : RecordProblem.Missing, values);
        }

        var problem = record.Kind switch
        {
            RecordKind.Mx => Mx(record, relevant),
            RecordKind.Spf => relevant.Count > 1 ? RecordProblem.SpfMultiple : AllowsAll(relevant[0]) ? RecordProblem.SpfAllowsAll : RecordProblem.None,
            RecordKind.Dkim => Dkim(record, relevant),
            RecordKind.Dmarc => relevant.Count > 1 ? RecordProblem.DmarcMultiple : DmarcPolicy(relevant[0]) ? RecordProblem.None : RecordProblem.DmarcNoPolicy,
            _ => RecordProblem.None,
        };
        return new RecordFinding(record, problem, relevant);
    }

    private static RecordProblem Mx(DomainRecord record, IReadOnlyList<string> values)
    {
        var hosts = values.Select(v => v.Split(' ', 2, StringSplitOptions.TrimEntries)).Where(p => p.Length == 2).Select(p => p[1].TrimEnd('.').ToLowerInvariant()).ToList();
        if (hosts.Count == 1 && hosts[0].Length == 0)
        {
            return RecordProblem.NullMx; // RFC 7505 §3: one MX with preference 0 and the root as host
        }

        var ours = record.Value.Split(' ', 2)[1].TrimEnd('.').ToLowerInvariant();
        return hosts.Contains(ours) ? RecordProblem.None : RecordProblem.MxElsewhere;
    }

    /// <summary>The record is a key for this selector; it must hold our public key (p=) of our type (k=, default rsa).</summary>
    private static RecordProblem Dkim(DomainRecord record, IReadOnlyList<string> values)
    {
        var ours = TagList(record.Value);
        foreach (var value in values)
        {
            var tags = TagList(value);
            var key = tags.GetValueOrDefault("p", string.Empty);
            if (key.Length == 0)
            {
                return RecordProblem.DkimRevoked;
            }

            if (key == ours["p"] && tags.GetValueOrDefault("k", "rsa") == ours.GetValueOrDefault("k", "rsa"))
            {
                return RecordProblem.None;
            }
        }

        return RecordProblem.DkimWrongKey;
    }

    /// <summary>RFC 7208 §5.1: "all" with the default "+" qualifier, or "+all", matches every host.</summary>
    private static bool AllowsAll(string spf) =>
        spf.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(t => t.Equals("all", StringComparison.OrdinalIgnoreCase) || t.Equals("+all", StringComparison.OrdinalIgnoreCase));

    private static bool DmarcPolicy(string dmarc) =>
        TagList(dmarc).TryGetValue("p", out var p) && p.ToLowerInvariant() is "none" or "quarantine" or "reject";

    /// <summary>
    /// RFC 6376 §3.2 tag-list ("k=v; k=v"), also the syntax of DMARC records (RFC 7489 §6.4): whitespace around tags
    /// and inside base64 values is dropped (§3.6.1: p= may be folded).
    /// </summary>
    internal static Dictionary<string, string> TagList(string text)
    {
        var tags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                tags.TryAdd(part[..eq].Trim(), string.Concat(part[(eq + 1)..].Where(c => !char.IsWhiteSpace(c))));
            }
        }

        return tags;
    }

    private static bool IsVersion(string value, string version) =>
        value.StartsWith(version, StringComparison.OrdinalIgnoreCase) && (value.Length == version.Length || value[version.Length] is ' ' or ';');
}
