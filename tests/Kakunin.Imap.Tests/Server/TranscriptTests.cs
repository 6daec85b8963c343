using System.Globalization;
using Kakunin.Imap.Server;
using Kakunin.Smtp.Tests.Server;
using Kakunin.Testing.Transcripts;

namespace Kakunin.Imap.Tests.Server;

/// <summary>Runs every Transcripts/*.imap file three ways: all at once, one client line at a time, one byte at a time.</summary>
public sealed class TranscriptTests
{
    public static TheoryData<string, TranscriptSplit> Cases() => TranscriptRun.Cases("imap");

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Transcript_runs(string file, TranscriptSplit split)
    {
        var transcript = ImapTranscript.Load(TranscriptRun.PathOf(file));
        var backend = new FakeImapBackend();
        foreach (var (folder, flags, content) in transcript.Messages)
        {
            backend.Deliver(folder, content, flags);
        }

        var (options, isTls) = Configure(transcript.Script.Options, backend);
        var connection = new InMemoryImapConnection(options, backend, isTls);

        var output = await TranscriptRun.PlayAsync(transcript.Script, split, connection);

        TranscriptRun.AssertServerLines(transcript.Script, split, output);
        TranscriptRun.AssertBackendCalls(transcript.Script, backend.Log);
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
