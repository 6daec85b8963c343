using System.CommandLine;
using System.Globalization;
using Spectre.Console;

namespace Kakunin.Cli.Commands;

/// <summary>Output helpers of the administrator commands: --format, tables, times.</summary>
internal static class AdminOutput
{
    public static Option<string> Format()
    {
        var option = new Option<string>("--format") { Description = "table, or json (one object per line, for scripts).", DefaultValueFactory = _ => "table" };
        option.AcceptOnlyFromAmong("table", "json");
        return option;
    }

    /// <summary>A table with the given columns, written as plain text (no colours) by <see cref="Write"/>.</summary>
    public static Table Table(params string[] columns)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in columns)
        {
            table.AddColumn(column);
        }

        return table;
    }

    public static void Write(Table table, TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
        });
        console.Profile.Width = Math.Max(console.Profile.Width, 160);
        console.Write(table);
    }

    /// <summary>A time for people: local time of this machine, to the second (JSON output carries the full offset).</summary>
    public static string Time(DateTimeOffset time) => time.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Cell(string? text, int max = 60) =>
        Markup.Escape(text is null ? string.Empty : text.Length <= max ? text : text[..(max - 1)] + "…");
}
