using System.Globalization;
using System.Text.Json;
using Kakunin.Protocol;
using Kakunin.Reports.Analysis;
using Kakunin.Reports.Dsn;

namespace Kakunin.Bench;

/// <summary>
/// <c>accuracy [--all] [--lofo] [corpus-dir]</c>: analyses every message of the corpus and compares with
/// expectations.jsonl (one object per file and recipient index). Private status codes of the
/// corpus (x.0.9xx, 5.9.xxx) mean "any code of that class". Prints the rates, then the misses one
/// per line (file, field, expected, got, diagnostic) for study.
/// </summary>
internal static class AccuracyCommand
{
    public static int Run(string[] args)
    {
        // --all: also print every matched recipient (expected and got), for studying agreements too.
        var all = args.Contains("--all", StringComparer.Ordinal);
        // --lofo: per-family reason scores, flagging the families rules were drawn from (FamilyScores).
        var lofo = args.Contains("--lofo", StringComparer.Ordinal);
        args = args.Where(a => a is not ("--all" or "--lofo")).ToArray();
        var dir = Corpus.Directory(args);
        var expectationsPath = Path.Combine(dir, "expectations.jsonl");
        if (!File.Exists(expectationsPath))
        {
            Console.Error.WriteLine($"no expectations.jsonl in {dir}");
            return 2;
        }

        var expectations = File.ReadLines(expectationsPath)
            .Where(l => l.Trim().Length > 0)
            .Select(l => JsonSerializer.Deserialize<Expectation>(l, JsonOptions)!)
            .ToList();
        var analyses = new Dictionary<string, ReportAnalysis>(StringComparer.Ordinal);
        foreach (var file in expectations.Select(e => e.File).Distinct())
        {
            using var stream = File.OpenRead(Path.Combine(dir, file));
            analyses[file] = ReportAnalyzer.Analyze(stream);
        }

        int found = 0, statusOk = 0, reasonOk = 0, actionOk = 0, hardOk = 0;
        var misses = new List<string>();
        var perFamily = new List<(string File, bool ReasonOk)>();
        foreach (var e in expectations)
        {
            var analysis = analyses[e.File];
            var got = Match(analysis, e);
            perFamily.Add((e.File, got is not null && string.Equals(e.Reason, got.Reason.ToWire(), StringComparison.Ordinal)));
            if (got is null)
            {
                misses.Add($"{e.File}\trecipient\t{e.Recipient}\t{string.Join(',', analysis.Recipients.Select(r => r.Recipient))} [{analysis.Kind}/{analysis.Format}]");
                continue;
            }

            found++;
            var detail = $"[{analysis.Format}] {got.Diagnostic}";
            if (all)
            {
                misses.Add($"{e.File}\tall\t{e.Reason}/{e.Status}/{e.Action}\t{got.Reason.ToWire()}/{got.Status}/{got.Action?.ToWire()}\t{detail}");
            }

            if (StatusAgrees(e.Status, got.Status))
            {
                statusOk++;
            }
            else
            {
                misses.Add($"{e.File}\tstatus\t{e.Status}\t{got.Status}\t{detail}");
            }

            if (string.Equals(e.Reason, got.Reason.ToWire(), StringComparison.Ordinal))
            {
                reasonOk++;
            }
            else
            {
                misses.Add($"{e.File}\treason\t{e.Reason}\t{got.Reason.ToWire()}\t{got.Status} {detail}");
            }

            if (string.Equals(e.Action, got.Action?.ToWire(), StringComparison.Ordinal))
            {
                actionOk++;
            }
            else
            {
                misses.Add($"{e.File}\taction\t{e.Action ?? "null"}\t{got.Action?.ToWire() ?? "null"}");
            }

            if (e.Hardbounce == got.HardBounce)
            {
                hardOk++;
            }
            else
            {
                misses.Add($"{e.File}\thard\t{e.Hardbounce}\t{got.HardBounce}\t{got.Reason.ToWire()}");
            }
        }

        var total = expectations.Count;
        string Pct(int n) => (100.0 * n / total).ToString("F1", CultureInfo.InvariantCulture) + "%";
        Console.WriteLine($"corpus: {dir} ({analyses.Count} messages, {total} expected recipients)");
        Console.WriteLine($"recipients found   {Pct(found),7}  ({found}/{total})");
        Console.WriteLine($"status agreeing    {Pct(statusOk),7}  ({statusOk}/{total})");
        Console.WriteLine($"reason agreeing    {Pct(reasonOk),7}  ({reasonOk}/{total})");
        Console.WriteLine($"action agreeing    {Pct(actionOk),7}  ({actionOk}/{total})");
        Console.WriteLine($"hard-bounce agree  {Pct(hardOk),7}  ({hardOk}/{total})");
        Console.WriteLine();
        if (lofo)
        {
            FamilyScores.Print(perFamily);
        }

        Console.WriteLine($"misses ({misses.Count}):");
        foreach (var miss in misses.Order(StringComparer.Ordinal))
        {
            Console.WriteLine(miss);
        }

        return 0;
    }

    // The expected recipient by address; for placeholder addresses (feedback reports), by position.
    private static RecipientOutcome? Match(ReportAnalysis analysis, Expectation e)
    {
        var byAddress = analysis.Recipients.FirstOrDefault(r => SameAddress(r.Recipient, e.Recipient));
        if (byAddress is not null)
        {
            return byAddress;
        }

        return e.Reason is "feedback" or "vacation" && analysis.Recipients.Count >= e.Index && analysis.Kind is ReportKind.Feedback or ReportKind.AutoReply
            ? analysis.Recipients[e.Index - 1]
            : null;
    }

    private static bool SameAddress(string a, string? b) =>
        b is not null && string.Equals(a.Trim('<', '>', ' '), b.Trim('<', '>', ' '), StringComparison.OrdinalIgnoreCase);

    /// <summary>Private codes (x.0.9xx, 5.9.xxx) accept any status of their class; none expected accepts none or any.</summary>
    internal static bool StatusAgrees(string? expected, EnhancedStatusCode? got)
    {
        if (string.IsNullOrEmpty(expected))
        {
            return true;
        }

        if (!EnhancedStatusCode.TryParse(expected, out var want))
        {
            return false;
        }

        var isPrivate = (want.Value.Subject == 0 && want.Value.Detail >= 900) || (want.Value.Class == 5 && want.Value.Subject == 9);
        return isPrivate ? got?.Class == want.Value.Class : got == want;
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowReadingFromString };

    private sealed record Expectation(string File, int Index, string? Recipient, string? Action, string? Status, int? Replycode, string? Reason, bool Hardbounce, string? Feedbacktype);

}
