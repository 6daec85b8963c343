using System.Text.RegularExpressions;

namespace Kakunin.Testing.Transcripts;

/// <summary>
/// What every protocol's transcript test does the same way: find the files, play the client's bytes in one of the
/// <see cref="TranscriptSplit"/> ways, and compare the server's lines and the backend's calls with the transcript.
/// </summary>
internal static class TranscriptRun
{
    public static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "Transcripts", file);

    /// <summary>Every Transcripts/*.<paramref name="extension"/> file in the test output, each with every split.</summary>
    public static TheoryData<string, TranscriptSplit> Cases(string extension)
    {
        var data = new TheoryData<string, TranscriptSplit>();
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Transcripts"), "*." + extension).Order(StringComparer.Ordinal))
        {
            foreach (var split in Enum.GetValues<TranscriptSplit>())
            {
                data.Add(Path.GetFileName(file), split);
            }
        }

        return data;
    }

    /// <summary>Sends the client's bytes, ends the input and returns all the server wrote once its session has ended.</summary>
    public static async Task<string> PlayAsync(TranscriptScript script, TranscriptSplit split, ITranscriptConnection connection)
    {
        var chunks = split switch
        {
            TranscriptSplit.Whole => [script.ClientChunks.SelectMany(c => c).ToArray()],
            TranscriptSplit.Lines => script.ClientChunks,
            _ => script.ClientChunks.SelectMany(c => c).Select(b => new[] { b }).ToList(),
        };
        var receiving = connection.ReceiveUntilAsync(null);
        foreach (var chunk in chunks)
        {
            if (!await connection.SendAsync(chunk))
            {
                break;
            }

            if (split != TranscriptSplit.Whole)
            {
                await Task.Yield(); // let the session read this piece alone
            }
        }

        await connection.EndInputAsync();
        var output = await receiving;
        await connection.Running.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        return output;
    }

    /// <summary>Every line ends with CRLF, and the lines match the transcript's S lines one for one.</summary>
    public static void AssertServerLines(TranscriptScript script, TranscriptSplit split, string output)
    {
        var actual = output.Split("\r\n");
        Assert.Equal(string.Empty, actual[^1]);
        var lines = actual[..^1];
        for (var i = 0; i < Math.Max(lines.Length, script.ServerLines.Count); i++)
        {
            var expected = i < script.ServerLines.Count ? script.ServerLines[i] : "(nothing)";
            var got = i < lines.Length ? lines[i] : "(nothing)";
            Assert.True(Regex.IsMatch(got, "^" + expected + "$"), $"{script.Name} ({split}) server line {i + 1}: expected /{expected}/, got '{got}'\n--- all output:\n{output}");
        }
    }

    /// <summary>The backend's calls are the transcript's B lines, in order (not checked when it has none).</summary>
    public static void AssertBackendCalls(TranscriptScript script, IEnumerable<string> log)
    {
        if (script.BackendLines.Count > 0)
        {
            Assert.Equal(script.BackendLines, log.ToList());
        }
    }
}
