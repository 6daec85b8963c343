using System.Text.RegularExpressions;

namespace Kakunin.IntegrationTests.Published;

/// <summary>
/// The walk-through block of README.md, between <c>&lt;!-- walk-through --&gt;</c> and <c>&lt;!-- /walk-through --&gt;</c>,
/// as the test runs it: the variables it tells the reader to set (<c>export NAME=VALUE</c>) and the commands, with
/// continuation lines joined. Read from README.md itself, so README and test cannot drift apart.
/// </summary>
internal sealed partial record ReadmeWalkThrough(IReadOnlyList<string> Variables, IReadOnlyList<string> Commands)
{
    public const string Start = "<!-- walk-through -->";
    public const string End = "<!-- /walk-through -->";

    public static ReadmeWalkThrough Load(string readme)
    {
        var text = File.ReadAllText(readme).ReplaceLineEndings("\n");
        var start = text.IndexOf(Start, StringComparison.Ordinal);
        var end = text.IndexOf(End, StringComparison.Ordinal);
        if (start < 0 || end < start)
        {
            throw new InvalidOperationException($"{readme} has no {Start} … {End} block");
        }

        var block = text[(start + Start.Length)..end];
        var fence = block.IndexOf("```sh\n", StringComparison.Ordinal);
        var close = block.IndexOf("\n```", fence + 1, StringComparison.Ordinal);
        if (fence < 0 || close < 0)
        {
            throw new InvalidOperationException($"the walk-through in {readme} holds no ```sh block");
        }

        var lines = block[(fence + "```sh\n".Length)..close].Replace("\\\n", " ", StringComparison.Ordinal).Split('\n');
        var variables = new List<string>();
        var commands = new List<string>();
        foreach (var line in lines.Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            if (Export().Match(line) is { Success: true } export)
            {
                variables.Add(export.Groups["name"].Value);
            }
            else
            {
                commands.Add(line);
            }
        }

        return new ReadmeWalkThrough(variables, commands);
    }

    [GeneratedRegex(@"^export (?<name>[A-Z_]+)=\S+(\s+#.*)?$")]
    private static partial Regex Export();
}
