using MimeKit;

namespace Kakunin.Cli.Reports;

/// <summary>
/// Turns the paths given to <c>kakunin report parse</c> into messages: single messages, mbox files
/// (detected by a leading <c>From </c> line) and directories (walked in name order). A file that
/// cannot be read gives one <see cref="ReportInput"/> with an error and the walk goes on. The path "-" is standard input.
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
                using var buffer = new MemoryStream();
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
            using var stream = assembly.GetManifestResourceStream(name)!;
            var shortName = ExamplePrefix + name[(name.IndexOf("Examples.", StringComparison.Ordinal) + "Examples.".Length)..];
            foreach (var input in ReadStream(shortName, stream))
            {
                yield return input;
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

        return ReadAndDispose(path, stream);
    }

    private static IEnumerable<ReportInput> ReadAndDispose(string path, FileStream stream)
    {
        using (stream)
        {
            foreach (var input in ReadStream(path, stream))
            {
                yield return input;
            }
        }
    }

    private static IEnumerable<ReportInput> ReadStream(string name, Stream stream)
    {
        var isMbox = StartsWithFromLine(stream);
        var parser = new MimeParser(stream, isMbox ? MimeFormat.Mbox : MimeFormat.Entity);
        var index = 0;
        while (!parser.IsEndOfStream)
        {
            index++;
            var label = isMbox ? $"{name}#{index}" : name;
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

            yield return new ReportInput(label, message, error);
            if (!isMbox || error is not null)
            {
                yield break;
            }
        }

        if (index == 0)
        {
            yield return new ReportInput(name, null, "empty file");
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
