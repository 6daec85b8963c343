using MimeKit;

namespace Kakunin.Cli.Reports;

/// <summary>One message read from the command line's inputs, or the reason it could not be read.</summary>
public sealed record ReportInput(string Name, MimeMessage? Message, string? Error);
