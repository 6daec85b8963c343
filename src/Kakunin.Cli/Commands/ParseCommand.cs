using System.CommandLine;
using System.Text.Json;
using Kakunin.Cli.Reports;
using Kakunin.Reports.Analysis;
using Spectre.Console;

namespace Kakunin.Cli.Commands;

/// <summary>
/// <c>kakunin report parse FILE|DIR...</c>: one JSON line per recipient of every report found (or a
/// table). A path that does not exist or cannot be read is named on standard error, the rest go on, and the exit
/// code is 1 (as cat and grep do); a file that holds no mail message is named on standard error too, and is not an
/// error (a Maildir may hold one).
/// </summary>
internal static class ParseCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Message files, mbox files or directories; - for standard input. Without any, the bundled example reports are read.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        // An unknown option would otherwise be taken for a path and reported as a missing file.
        paths.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (token.Value.StartsWith('-') && token.Value != ReportInputReader.StandardInput && !File.Exists(token.Value) && !Directory.Exists(token.Value))
                {
                    result.AddError($"Unrecognized option '{token.Value}'.");
                }
            }
        });
        var format = new Option<string>("--format") { Description = "json (one object per line) or table.", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong("json", "table");

        var command = new Command("parse", "Read delivery reports, read receipts and bounces and say what happened to each recipient.")
        {
            paths, format,
        };
        command.SetAction(result =>
        {
            var given = result.GetValue(paths) ?? [];
            var inputs = given.Length == 0 ? ReportInputReader.ReadExamples() : ReportInputReader.Read(given);
            var output = result.InvocationConfiguration.Output;
            var error = result.InvocationConfiguration.Error;
            var unreadable = 0;
            var lines = Analyze(inputs, error, () => unreadable++).ToList();
            if (result.GetValue(format) == "table" && (lines.Count > 0 || unreadable == 0))
            {
                WriteTable(lines, output);
            }
            else
            {
                foreach (var line in lines)
                {
                    output.WriteLine(JsonSerializer.Serialize(line, ReportLineJsonContext.Readable.ReportLine));
                }
            }

            output.Flush();
            return unreadable == 0 ? 0 : 1;
        });
        return command;
    }

    private static IEnumerable<ReportLine> Analyze(IEnumerable<ReportInput> inputs, TextWriter error, Action countUnreadable)
    {
        foreach (var input in inputs)
        {
            if (input.Message is null)
            {
                if (input.Unreadable)
                {
                    countUnreadable();
                }

                error.WriteLine($"kakunin: {input.Name}: {input.Error}");
                continue;
            }

            foreach (var line in ReportLines.From(input.Name, ReportAnalyzer.Analyze(input.Message)))
            {
                yield return line;
            }
        }
    }

    private static void WriteTable(IEnumerable<ReportLine> lines, TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
        });
        console.Profile.Width = Math.Max(console.Profile.Width, 160);
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in new[] { "File", "Kind", "Recipient", "Action", "Status", "Reason", "Hard", "Diagnostic" })
        {
            table.AddColumn(column);
        }

        foreach (var l in lines)
        {
            table.AddRow(
                Markup.Escape(l.File),
                l.Kind,
                Markup.Escape(l.Recipient ?? string.Empty),
                l.Action ?? l.Disposition ?? string.Empty,
                l.Status ?? string.Empty,
                l.Reason ?? l.FeedbackType ?? string.Empty,
                l.HardBounce is true ? "yes" : l.HardBounce is false ? "no" : string.Empty,
                Markup.Escape(Shorten(l.Diagnostic, 60)));
        }

        console.Write(table);
    }

    private static string Shorten(string? text, int max) =>
        text is null ? string.Empty : text.Length <= max ? text : text[..(max - 1)] + "…";
}
