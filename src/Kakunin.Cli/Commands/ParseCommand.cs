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
/// error (a Maildir may hold one). Inputs are parsed and analysed in parallel and written in input order as they are
/// ready (see <see cref="OrderedParallel"/>).
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
            var table = result.GetValue(format) == "table";
            var unreadable = 0;
            var tableLines = new List<ReportLine>();
            // Inputs are parsed and analysed on every core; results come back in input order and are
            // written as they come, so the first lines appear at once and memory does not grow with the input.
            foreach (var parsed in OrderedParallel.Select(inputs, input => ParseOne(input, json: !table), window: 4 * Environment.ProcessorCount))
            {
                if (parsed.Error is not null)
                {
                    error.WriteLine($"kakunin: {parsed.Name}: {parsed.Error}");
                    unreadable += parsed.Unreadable ? 1 : 0;
                }

                if (table)
                {
                    tableLines.AddRange(parsed.Lines);
                }
                else
                {
                    foreach (var line in parsed.Json)
                    {
                        output.WriteLine(line);
                    }
                }
            }

            if (table && (tableLines.Count > 0 || unreadable == 0))
            {
                WriteTable(tableLines, output);
            }

            output.Flush();
            return unreadable == 0 ? 0 : 1;
        });
        return command;
    }

    // On a worker thread: parse when the reader left the message unparsed, analyse, format. A message the
    // analyser cannot cope with is named on standard error with a line of kind none, and the run goes on.
    private static ParsedInput ParseOne(ReportInput input, bool json)
    {
        input = ReportInputReader.Parse(input);
        if (input.Message is not { } message)
        {
            return new ParsedInput(input.Name, [], [], input.Error, input.Unreadable);
        }

        using (message)
        {
            string? problem = null;
            ReportAnalysis analysis;
            try
            {
                analysis = ReportAnalyzer.Analyze(message);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                analysis = ReportAnalysis.NotAReport;
                problem = $"could not be analysed ({e.GetType().Name}: {e.Message}); reported as kind none";
            }

            var lines = ReportLines.From(input.Name, analysis).ToList();
            IReadOnlyList<string> text = json ? lines.Select(l => JsonSerializer.Serialize(l, ReportLineJsonContext.Readable.ReportLine)).ToList() : [];
            return new ParsedInput(input.Name, json ? [] : lines, text, problem, Unreadable: false);
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
