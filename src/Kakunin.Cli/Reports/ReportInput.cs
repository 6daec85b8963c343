using MimeKit;

namespace Kakunin.Cli.Reports;

/// <summary>
/// One message read from the command line's inputs, or the reason it could not be read. <paramref name="Unreadable"/>:
/// the path does not exist or could not be opened (the command then exits non-zero), as opposed to a file that was read
/// but holds no mail message.
/// </summary>
public sealed record ReportInput(string Name, MimeMessage? Message, string? Error, bool Unreadable = false)
{
    /// <summary>
    /// A single-message file opened but not parsed yet: whichever worker takes the input parses it
    /// (<see cref="ReportInputReader.Parse"/>) and disposes the stream. Null when <see cref="Message"/> or
    /// <see cref="Error"/> is already known (an mbox is parsed in order as it is read).
    /// </summary>
    public Stream? Unparsed { get; init; }
}
