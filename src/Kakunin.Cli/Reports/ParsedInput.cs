namespace Kakunin.Cli.Reports;

/// <summary>
/// What <c>kakunin report parse</c> prints for one input, computed on a worker: the output lines
/// (JSON text, or the lines themselves for the table), or the error to name on standard error.
/// </summary>
internal sealed record ParsedInput(string Name, IReadOnlyList<ReportLine> Lines, IReadOnlyList<string> Json, string? Error, bool Unreadable);
