using System.Globalization;
using System.Text.RegularExpressions;
using Kakunin.Imap.Server;
using Kakunin.Smtp.Tests.Server;

namespace Kakunin.Imap.Tests.Server;

/// <summary>Runs every Transcripts/*.imap file three ways: all at once, one client line at a time, one byte at a time.</summary>
public sealed class TranscriptTests
{
    public enum Split
    {
        Whole,
        Lines,
        Bytes,
    }

    public static TheoryData<string, Split> Cases()
    {
        var data = new TheoryData<string, Split>();
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Transcripts"), "*.imap").Order(StringComparer.Ordinal))
        {
            foreach (var split in Enum.GetValues<Split>())
            {
                data.Add(Path.GetFileName(file), split);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Transcript_runs(string file, Split split)
    {
        var transcript = Transcript.Load(Path.Combine(AppContext.BaseDirectory, "Transcripts", file));
        var backend = new FakeImapBackend();
        foreach (var (folder, flags, content) in transcript.Messages)
        {
            backend.Deliver(folder, content, flags);
        }

        var (options, isTls) = Configure(transcript.Options, backend);
        var connection = new InMemoryImapConnection(options, backend, isTls);
        var chunks = split switch
        {
            Split.Whole => [transcript.ClientChunks.SelectMany(c => c).ToArray()],
            Split.Lines => transcript.ClientChunks,
            _ => transcript.ClientChunks.SelectMany(c => c).Select(b => new[] { b }).ToList(),
        };
        var receiving = connection.ReceiveUntilAsync(null);
        foreach (var chunk in chunks)
        {
            if (!await connection.SendAsync(chunk))
            {
                break;
            }

            if (split != Split.Whole)
            {
                await Task.Yield();
            }
        }

        await connection.EndInputAsync();
        var output = await receiving;
        await connection.Running.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        var actual = output.Split("\r\n");
        Assert.Equal(string.Empty, actual[^1]); // every response line ends with CRLF
        var lines = actual[..^1];
        for (var i = 0; i < Math.Max(lines.Length, transcript.ServerLines.Count); i++)
        {
            var expected = i < transcript.ServerLines.Count ? transcript.ServerLines[i] : "(nothing)";
            var got = i < lines.Length ? lines[i] : "(nothing)";
            Assert.True(Regex.IsMatch(got, "^" + expected + "$"), $"{file} ({split}) server line {i + 1}: expected /{expected}/, got '{got}'\n--- all output:\n{output}");
        }

        if (transcript.BackendLines.Count > 0)
        {
            Assert.Equal(transcript.BackendLines, backend.Log.ToList());
        }
    }

    private static (ImapServerOptions Options, bool IsTls) Configure(Dictionary<string, string> settings, FakeImapBackend backend)
    {
        var options = new ImapServerOptions();
        var isTls = true;
        foreach (var (key, value) in settings)
        {
            switch (key)
            {
                case "MaxErrors": options.MaxErrors = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "MaxLineLength": options.MaxLineLength = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "AppendLimit": backend.AppendLimit = long.Parse(value, CultureInfo.InvariantCulture); break;
                case "Certificate": options.Certificate = bool.Parse(value) ? TestCertificate.Value : null; break;
                case "Tls": isTls = bool.Parse(value); break;
                default: throw new InvalidOperationException($"Unknown transcript option {key}");
            }
        }

        return (options, isTls);
    }
}
