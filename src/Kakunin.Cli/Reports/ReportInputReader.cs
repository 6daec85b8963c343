using MimeKit;

namespace Kakunin.Cli.Reports;

/// <summary>
/// Turns the paths given to <c>kakunin report parse</c> into messages: single messages, mbox files
/// (detected by a leading <c>From </c> line) and directories (walked in name order). A file that
/// cannot be read gives one <see cref="ReportInput"/> with an error and the walk goes on. The path "-" is standard input.
/// A single-message file is opened here and parsed by <see cref="Parse"/> on whichever thread analyses it;
/// an mbox is split in order here.
/// </summary>
public static class ReportInputReader
{
    /// <summary>Name prefix of the example reports bundled in the program.</summary>
    public const string ExamplePrefix = "example:";

    /// <summary>The name that stands for standard input.</summary>
    public const string StandardInput = "-";

    public static IEnumerable<ReportInput> Read(IEnumerable<string> paths, Func<Stream>? standardInput = null)
    {
        foreach (var path in paths)
        {
            if (path == StandardInput)
            {
                // Copied to memory: standard input cannot seek, and the mbox check reads ahead and rewinds.
                var buffer = new MemoryStream();
                using (var input = (standardInput ?? Console.OpenStandardInput)())
                {
                    input.CopyTo(buffer);
                }

                buffer.Position = 0;
                foreach (var item in ReadStream("(standard input)", buffer))
                {
                    yield return item;
                }
            }
            else if (Directory.Exists(path))
            {
                var files = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Order(StringComparer.Ordinal);
                foreach (var file in files)
                {
                    foreach (var input in ReadFile(file))
                    {
                        yield return input;
                    }
                }
            }
            else if (File.Exists(path))
            {
                foreach (var input in ReadFile(path))
                {
                    yield return input;
                }
            }
            else
            {
                yield return new ReportInput(path, null, "no such file or directory", Unreadable: true);
            }
        }
    }

    /// <summary>The example reports bundled in the program, used when no path is given.</summary>
    public static IEnumerable<ReportInput> ReadExamples()
    {
        var assembly = typeof(ReportInputReader).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.EndsWith(".eml", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var stream = assembly.GetManifestResourceStream(name)!;
            var shortName = ExamplePrefix + name[(name.IndexOf("Examples.", StringComparison.Ordinal) + "Examples.".Length)..];
            foreach (var input in ReadStream(shortName, stream))
            {
                yield return input;
            }
        }
    }

    /// <summary>
    /// Parses an input whose message was left unparsed (<see cref="ReportInput.Unparsed"/>) and disposes its
    /// stream; any other input is returned as it is.
    /// </summary>
    public static ReportInput Parse(ReportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Unparsed is not { } stream)
        {
            return input;
        }

        using (stream)
        {
            var parser = new MimeParser(stream, MimeFormat.Entity);
            if (parser.IsEndOfStream)
            {
                return new ReportInput(input.Name, null, "empty file");
            }

            try
            {
                return new ReportInput(input.Name, parser.ParseMessage(), null);
            }
            catch (FormatException e)
            {
                return new ReportInput(input.Name, null, $"not a mail message: {e.Message}");
            }
            catch (IOException e)
            {
                return new ReportInput(input.Name, null, e.Message, Unreadable: true);
            }
        }
    }

    private static IEnumerable<ReportInput> ReadFile(string path)
    {
        FileStream stream;
        try
        {
            stream = File.OpenRead(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [new ReportInput(path, null, e.Message, Unreadable: true)];
        }

        return ReadStream(path, stream);
    }

    // Takes ownership of the stream. A single message is handed on unparsed, for a worker to parse; an
    // mbox is split here, in order, and closed at its end.
    private static IEnumerable<ReportInput> ReadStream(string name, Stream stream)
    {
        bool isMbox;
        try
        {
            isMbox = StartsWithFromLine(stream);
        }
        catch (IOException e)
        {
            stream.Dispose();
            return [new ReportInput(name, null, e.Message, Unreadable: true)];
        }

        if (!isMbox)
        {
            return [new ReportInput(name, null, null) { Unparsed = stream }];
        }

        return ReadMbox(name, stream);
    }

    private static IEnumerable<ReportInput> ReadMbox(string name, Stream stream)
    {
        using (stream)
        {
            var parser = new MimeParser(stream, MimeFormat.Mbox);
            var index = 0;
            while (!parser.IsEndOfStream)
            {
                index++;
                MimeMessage? message = null;
                string? error = null;
                try
                {
                    message = parser.ParseMessage();
                }
                catch (FormatException e)
                {
                    error = $"not a mail message: {e.Message}";
                }

                yield return new ReportInput($"{name}#{index}", message, error);
                if (error is not null)
                {
                    yield break;
                }
            }

            if (index == 0)
            {
                yield return new ReportInput(name, null, "empty file");
            }
        }
    }

    private static bool StartsWithFromLine(Stream stream)
    {
        if (!stream.CanSeek)
        {
            return false;
        }

        Span<byte> head = stackalloc byte[5];
        var read = stream.ReadAtLeast(head, 5, throwOnEndOfStream: false);
        stream.Position = 0;
        return read == 5 && head.SequenceEqual("From "u8);
    }
}
