using System.Buffers;
using System.IO.Pipelines;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using CsCheck;
using Kakunin.Smtp.Server;

namespace Kakunin.Fuzz;

/// <summary>
/// The SMTP session: <see cref="SmtpConnectionLoop"/> over in-memory pipes with <see cref="FuzzBackend"/>, fed whole
/// command streams (mutated transcripts or random commands). Invariants: no exception escapes the loop, the loop
/// ends when the input ends, every reply is well formed (<see cref="ReplyChecker"/>), and every message the
/// backend took got exactly one "queued as" reply.
/// </summary>
internal sealed class SessionTarget : IFuzzTarget
{
    public const string HostName = "mx.fuzz.example";

    private static readonly PipeOptions Unbounded = new(pauseWriterThreshold: 0);
    private static readonly Lazy<X509Certificate2> Certificate = new(CreateCertificate);

    private static readonly string[] Tokens =
    [
        "EHLO client.example\r\n", "HELO client.example\r\n", "EHLO [127.0.0.1]\r\n", "MAIL FROM:<alice@client.example>\r\n",
        "MAIL FROM:<> SIZE=100 BODY=8BITMIME RET=HDRS ENVID=a+2Bb SMTPUTF8 AUTH=<>\r\n", "MAIL FROM:<throw@client.example>\r\n",
        "RCPT TO:<bob@mx.fuzz.example>\r\n", "RCPT TO:<bob@mx.fuzz.example> NOTIFY=SUCCESS,DELAY ORCPT=rfc822;bob@x.example\r\n",
        "RCPT TO:<Postmaster>\r\n", "RCPT TO:<throw@mx.fuzz.example>\r\n", "RCPT TO:<unknown@mx.fuzz.example>\r\n",
        "RCPT TO:<\u00fc@m\u00fc.example>\r\n", "DATA\r\n", "\r\n.\r\n", ".\r\n", "..\r\n", "BDAT 5\r\n", "BDAT 0 LAST\r\n", "BDAT 3 LAST\r\n",
        "BDAT 99999999999999999\r\n", "BDAT 4294967296 LAST\r\n", "BDAT -1\r\n", "AUTH PLAIN AGFsaWNlAHNlY3JldA==\r\n", "AUTH PLAIN\r\n",
        "AUTH LOGIN\r\n", "AUTH LOGIN YWxpY2U=\r\n", "*\r\n", "=\r\n", "STARTTLS\r\n", "RSET\r\n", "QUIT\r\n", "NOOP x\r\n", "VRFY bob\r\n",
        "\r", "\n", "\r\n", ".", "\0", "\u00ff", " ",
    ];

    private readonly IReadOnlyList<byte[]> _seeds = Seeds.SmtpTranscripts();

    public string Name => "session";

    public Gen<FuzzCase> Cases
    {
        get
        {
            var dictionary = Tokens.Select(Encoding.UTF8.GetBytes).ToArray();
            var line = Gen.Frequency(
                (4, Gen.OneOf(Tokens)),
                (1, Gen.String[Gen.Char["EHLOMAILRCPTDATBQUIST :<>@.=+,\r\n\t\0\u00e9"], 0, 40].Select(s => s + "\r\n")));
            var random = line.Array[1, 30].Select(l => Encoding.UTF8.GetBytes(string.Concat(l)));
            var data = Gen.Frequency(
                (1, Gen.OneOf([.. _seeds])),
                (6, Mutator.Mutated(_seeds, dictionary, 256 * 1024)),
                (2, random));
            return Gen.Select(data, Gen.Int[0, int.MaxValue]).Select((d, v) => new FuzzCase(d, v));
        }
    }

    public FuzzVerdict Check(FuzzCase input) => CheckAsync(input).GetAwaiter().GetResult();

    public string Describe(FuzzCase input) => $"variant {input.Variant}: {Settings(input.Variant)}";

    private static string Settings(int v) =>
        $"listener {(ListenerKind)(v % 3)}, tls {Tls(v)}, certificate {(v >> 3 & 1) == 1}, insecure auth {(v >> 4 & 1) == 1}, "
        + $"small limits {(v >> 5 & 1) == 1}, split seed {v >> 8}";

    private static bool Tls(int v) => (ListenerKind)(v % 3) == ListenerKind.SubmissionTls || (v >> 2 & 1) == 1;

    private static async Task<FuzzVerdict> CheckAsync(FuzzCase input)
    {
        var v = input.Variant;
        var options = new SmtpServerOptions
        {
            HostName = HostName,
            AllowInsecureAuth = (v >> 4 & 1) == 1,
            Certificate = (v >> 3 & 1) == 1 ? Certificate.Value : null,
        };
        if ((v >> 5 & 1) == 1)
        {
            options.MaxMessageSize = 4096;
            options.MaxRecipients = 5;
            options.MaxErrors = 5;
            options.MaxCommandLineLength = 512;
        }

        var backend = new FuzzBackend();
        var toServer = new Pipe(Unbounded);
        var toClient = new Pipe(Unbounded);

        // STARTTLS with a certificate: a pass-through "TLS" so the session goes on in its TLS state.
        var (loop, session) = SessionFactory.Create(options, backend, (ListenerKind)(v % 3), Tls(v), options.Certificate is null ? null : (t, _) => Task.FromResult(t));
        using (session)
        {
            var run = loop.RunAsync(new Duplex(toServer.Reader, toClient.Writer), CancellationToken.None);
            await Feed(toServer.Writer, input.Data, v >> 8).ConfigureAwait(false);
            await run.ConfigureAwait(false); // an exception here is a crash; not finishing is a hang
        }

        // The transaction's spool file goes with it, however the session ended (docs/smtp-server.md, spool).
        if (SessionFactory.SpoolFiles() is > 0 and var left)
        {
            return new FuzzVerdict("spool files left after the session ended", $"{left} file(s)");
        }

        await toClient.Writer.CompleteAsync().ConfigureAwait(false);
        var read = await toClient.Reader.ReadAtLeastAsync(int.MaxValue).ConfigureAwait(false);
        var output = read.Buffer.ToArray();

        var (replies, failure) = ReplyChecker.Check(output, HostName);
        if (failure is not null)
        {
            return new FuzzVerdict(failure, Encoding.UTF8.GetString(output));
        }

        // Nothing answered 250 is lost, nothing taken without a reply (RFC 5321 §6.1).
        var queued = replies.Count(r => r.Code == 250 && r.Text.Contains("queued as F", StringComparison.Ordinal));
        return queued == backend.Accepted
            ? FuzzVerdict.Pass
            : new FuzzVerdict("messages taken by the backend != queued replies", $"{backend.Accepted} taken, {queued} replies");
    }

    // The input in pieces decided by the split seed (0: all at once), so the loop sees every split point.
    private static async Task Feed(PipeWriter writer, byte[] data, int splitSeed)
    {
        if (splitSeed == 0)
        {
            await writer.WriteAsync(data).ConfigureAwait(false);
        }
        else
        {
            var random = new Random(splitSeed);
            for (var at = 0; at < data.Length;)
            {
                var n = Math.Min(data.Length - at, random.Next(1, random.Next(2) == 0 ? 8 : 600));
                await writer.WriteAsync(data.AsMemory(at, n)).ConfigureAwait(false);
                at += n;
                await Task.Yield();
            }
        }

        await writer.CompleteAsync().ConfigureAwait(false);
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=" + HostName, key, HashAlgorithmName.SHA256);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    private sealed record Duplex(PipeReader Input, PipeWriter Output) : IDuplexPipe;
}
