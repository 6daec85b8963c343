using System.CommandLine;

namespace Kakunin.Cli.Commands;

/// <summary>
/// The reader's language for commands that talk to people ("in the reader's language"): <c>--lang en|ja</c>, else the
/// POSIX locale variables in their order of precedence (LC_ALL, LC_MESSAGES, LANG; "ja_JP.UTF-8" → ja), else English.
/// </summary>
internal static class CliLanguage
{
    public static Option<string?> Option()
    {
        var option = new Option<string?>("--lang") { Description = "Language of the output: en or ja (default: from LC_ALL / LC_MESSAGES / LANG)." };
        option.AcceptOnlyFromAmong("en", "ja");
        return option;
    }

    public static bool IsJapanese(ParseResult result, Option<string?> option, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.GetValue(option) is { } given)
        {
            return given == "ja";
        }

        environment ??= Environment.GetEnvironmentVariable;
        foreach (var name in new[] { "LC_ALL", "LC_MESSAGES", "LANG" })
        {
            if (environment(name) is { Length: > 0 } value)
            {
                return value.StartsWith("ja", StringComparison.OrdinalIgnoreCase); // the first one set decides
            }
        }

        return false;
    }
}
