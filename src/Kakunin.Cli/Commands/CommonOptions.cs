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

    /// <summary>Writes the message with CRLF line ends, to a file or to the command's output.</summary>
    public static void WriteMessage(MimeMessage message, FileInfo? file, TextWriter output)
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        if (file is not null)
        {
            message.WriteTo(format, file.FullName);
            return;
        }

        using var buffer = new MemoryStream();
        message.WriteTo(format, buffer);
        output.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        output.Flush();
    }
}
