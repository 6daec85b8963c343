using System.CommandLine;
using System.Text;
using MimeKit;

namespace Kakunin.Cli.Commands;

/// <summary>Options shared by the compose commands, and writing a composed message out.</summary>
internal static class CommonOptions
{
    public static Option<string> Language()
    {
        var option = new Option<string>("--lang") { Description = "Language of the human-readable part: en or ja.", DefaultValueFactory = _ => "en" };
        option.AcceptOnlyFromAmong("en", "ja");
        return option;
    }

    public static Option<DateTimeOffset?> Date() =>
        new("--date") { Description = "Date of the report (default: now), e.g. 2026-11-29T10:00:00+09:00." };

    public static Option<FileInfo?> Output() =>
        new("--output", "-o") { Description = "Write the message to this file instead of standard output." };

    /// <summary>
    /// Reads the message a <c>--original</c> option names; null after a line naming the file and the reason when it is
    /// missing, unreadable or not a mail message.
    /// </summary>
    public static MimeMessage? LoadOriginal(FileInfo file, TextWriter error)
    {
        try
        {
            return MimeMessage.Load(file.FullName);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            error.WriteLine($"kakunin: --original {file.FullName}: no such file");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"kakunin: --original {file.FullName}: {e.Message}");
        }
        catch (FormatException e)
        {
            error.WriteLine($"kakunin: --original {file.FullName}: not a mail message: {e.Message}");
        }

        return null;
    }

    /// <summary>
    /// Writes the message with CRLF line ends, to a file or to the command's output; returns the exit code (1, after a
    /// line naming the file, when it cannot be written).
    /// </summary>
    public static int WriteMessage(MimeMessage message, FileInfo? file, TextWriter output, TextWriter error)
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        if (file is not null)
        {
            try
            {
                message.WriteTo(format, file.FullName);
                return 0;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"kakunin: cannot write --output {file.FullName}: {e.Message}");
                return 1;
            }
        }

        using var buffer = new MemoryStream();
        message.WriteTo(format, buffer);
        output.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        output.Flush();
        return 0;
    }
}
