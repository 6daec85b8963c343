using System.Globalization;

namespace Kakunin.Bench;

/// <summary>
/// <c>accuracy --lofo</c>: reason agreement per family (file-name prefix before the last -NN), each
/// family flagged when rules were drawn from it (<see cref="RuleProvenance"/>), and the rate over the
/// families no rule was drawn from: the nearest this hand-written classifier gets to leave-one-family-out.
/// </summary>
internal static class FamilyScores
{
    public static string FamilyOf(string file)
    {
        var name = Path.GetFileNameWithoutExtension(file);
        var dash = name.LastIndexOf('-');
        return dash > 0 && name[(dash + 1)..].All(char.IsAsciiDigit) ? name[..dash] : name;
    }

    public static void Print(IReadOnlyList<(string File, bool ReasonOk)> rows)
    {
        static string Pct(int n, int total) => total == 0 ? "-" : (100.0 * n / total).ToString("F1", CultureInfo.InvariantCulture) + "%";
        Console.WriteLine("per family (reason agreeing; * = rules were drawn from this family):");
        var byFamily = rows.GroupBy(r => FamilyOf(r.File)).OrderBy(g => g.Key, StringComparer.Ordinal);
        int cleanOk = 0, cleanTotal = 0, flaggedOk = 0, flaggedTotal = 0;
        foreach (var family in byFamily)
        {
            var ok = family.Count(r => r.ReasonOk);
            var total = family.Count();
            var flagged = RuleProvenance.Families.TryGetValue(family.Key, out var rule);
            Console.WriteLine($"  {(flagged ? "*" : " ")} {family.Key,-24} {ok,3}/{total,-3} {Pct(ok, total),7}{(flagged ? "  " + rule : "")}");
            if (flagged)
            {
                flaggedOk += ok;
                flaggedTotal += total;
            }
            else
            {
                cleanOk += ok;
                cleanTotal += total;
            }
        }

        Console.WriteLine($"families no rule was drawn from: {Pct(cleanOk, cleanTotal)} ({cleanOk}/{cleanTotal}); flagged families: {Pct(flaggedOk, flaggedTotal)} ({flaggedOk}/{flaggedTotal})");
        Console.WriteLine();
    }
}
