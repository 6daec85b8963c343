using Kakunin.Smtp.Server;
using Kakunin.Testing.Transcripts;

namespace Kakunin.Smtp.Tests.Server;

/// <summary>
/// Runs every Transcripts/*.smtp file three ways: all at once, one client line at a time, one byte at a time. The format
/// is tests/Shared/Transcripts/TranscriptScript.cs; a backslash before any other character is a mistake in an .smtp file.
/// </summary>
public sealed class TranscriptTests
{
    public static TheoryData<string, TranscriptSplit> Cases() => TranscriptRun.Cases("smtp");

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Transcript_runs(string file, TranscriptSplit split)
    {
        var transcript = TranscriptScript.Load(TranscriptRun.PathOf(file), UnknownEscape.Reject);
        var backend = new FakeSmtpBackend();
        var (options, listener, isTls) = Configure(transcript.Options);
        var connection = new InMemorySmtpConnection(options, backend, listener, isTls);

        var output = await TranscriptRun.PlayAsync(transcript, split, connection);

        // However the transaction ended (250, refusal, RSET, QUIT, end of input), its spool file is gone.
        Assert.Equal(0, connection.Spool.OpenFiles);
        Assert.Equal(0, connection.Spool.SpooledBytes);
        Assert.Empty(Directory.GetFiles(connection.Spool.Directory));

        TranscriptRun.AssertServerLines(transcript, split, output);
        TranscriptRun.AssertBackendCalls(transcript, backend.Log);
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
