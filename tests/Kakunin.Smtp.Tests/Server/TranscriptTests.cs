using System.Text.RegularExpressions;
using Kakunin.Smtp.Server;

namespace Kakunin.Smtp.Tests.Server;

/// <summary>Runs every Transcripts/*.smtp file three ways: all at once, one client line at a time, one byte at a time.</summary>
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
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Transcripts"), "*.smtp").Order(StringComparer.Ordinal))
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
        var backend = new FakeSmtpBackend();
        var (options, listener, isTls) = Configure(transcript.Options);
        var connection = new InMemorySmtpConnection(options, backend, listener, isTls);

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

        // However the transaction ended (250, refusal, RSET, QUIT, end of input), its spool file is gone.
        Assert.Equal(0, connection.Spool.OpenFiles);
        Assert.Equal(0, connection.Spool.SpooledBytes);
        Assert.Empty(Directory.GetFiles(connection.Spool.Directory));

        var actual = output.Split("\r\n");
        Assert.Equal(string.Empty, actual[^1]); // every reply line ends with CRLF
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

    private static (SmtpServerOptions Options, ListenerKind Listener, bool IsTls) Configure(Dictionary<string, string> settings)
    {
        var options = new SmtpServerOptions { HostName = "mx.test.example" };
        var listener = ListenerKind.Inbound;
        var isTls = false;
        foreach (var (key, value) in settings)
        {
            switch (key)
            {
                case "MaxRecipients": options.MaxRecipients = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
                case "MaxMessageSize": options.MaxMessageSize = long.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
                case "MaxErrors": options.MaxErrors = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
                case "MaxCommandLineLength": options.MaxCommandLineLength = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
                case "AllowInsecureAuth": options.AllowInsecureAuth = bool.Parse(value); break;
                case "Certificate": options.Certificate = bool.Parse(value) ? TestCertificate.Value : null; break;
                case "Listener": listener = Enum.Parse<ListenerKind>(value); break;
                case "Tls": isTls = bool.Parse(value); break;
                default: throw new InvalidOperationException($"Unknown transcript option {key}");
            }
        }

        return (options, listener, isTls);
    }
}
