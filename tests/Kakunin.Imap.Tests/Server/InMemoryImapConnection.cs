using System.IO.Pipelines;
using System.Net;
using System.Text;
using Kakunin.Imap.Server;
using Kakunin.Testing.Transcripts;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Kakunin.Imap.Tests.Server;

/// <summary>Runs an <see cref="ImapConnectionLoop"/> over in-memory pipes: the test writes client bytes and reads the server's.</summary>
internal sealed class InMemoryImapConnection : IDuplexPipe, ITranscriptConnection
{
    private static readonly PipeOptions Unbounded = new(pauseWriterThreshold: 0);
    private readonly Pipe _toServer = new(Unbounded);
    private readonly Pipe _toClient = new(Unbounded);
    private readonly StringBuilder _received = new();

    public InMemoryImapConnection(ImapServerOptions options, FakeImapBackend backend, bool isTls = true, TimeProvider? time = null)
    {
        Time = time ?? new FakeTimeProvider(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero));
        Session = new ImapSession(options, backend, new IPEndPoint(IPAddress.Parse("192.0.2.1"), 40000), isTls, options.HasCertificate, "I1", NullLogger.Instance);
        var loop = new ImapConnectionLoop(Session, options, Time, null);
        Running = Task.Run(async () =>
        {
            try
            {
                await loop.RunAsync(this, CancellationToken.None);
            }
            finally
            {
                Session.Dispose();
                await _toClient.Writer.CompleteAsync();
                await _toServer.Reader.CompleteAsync();
            }
        });
    }

    public TimeProvider Time { get; }

    public ImapSession Session { get; }

    public Task Running { get; }

    PipeReader IDuplexPipe.Input => _toServer.Reader;

    PipeWriter IDuplexPipe.Output => _toClient.Writer;

    /// <summary>Sends bytes; false when the server has stopped reading.</summary>
    public async Task<bool> SendAsync(ReadOnlyMemory<byte> bytes)
    {
        var result = await _toServer.Writer.WriteAsync(bytes);
        return !result.IsCompleted;
    }

    public Task SendAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text));

    public async Task EndInputAsync() => await _toServer.Writer.CompleteAsync();

    /// <summary>Reads raw bytes (no text decoding) until a line starting with "<paramref name="tag"/> " has arrived whole; returns them all.</summary>
    public async Task<byte[]> ReceiveRawUntilTaggedAsync(string tag)
    {
        var reader = _toClient.Reader;
        var marker = Encoding.ASCII.GetBytes("\r\n" + tag + " ");
        var received = new List<byte>();
        while (true)
        {
            byte[] all = [(byte)'\r', (byte)'\n', .. received]; // a tagged line may come first
            var at = all.AsSpan().IndexOf(marker);
            if (at >= 0 && all.AsSpan(at + 2).IndexOf("\r\n"u8) >= 0)
            {
                return all[2..];
            }

            var result = await reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            foreach (var segment in result.Buffer)
            {
                received.AddRange(segment.Span);
            }

            reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
            {
                return [.. received];
            }
        }
    }

    /// <summary>Reads until everything received so far contains <paramref name="marker"/> (or the output ends); returns all of it and starts afresh.</summary>
    public async Task<string> ReceiveUntilAsync(string? marker)
    {
        var reader = _toClient.Reader;
        while (true)
        {
            var text = _received.ToString();
            if (marker is not null && text.Contains(marker, StringComparison.Ordinal))
            {
                _received.Clear();
                return text;
            }

            var result = await reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            foreach (var segment in result.Buffer)
            {
                _received.Append(Encoding.UTF8.GetString(segment.Span));
            }

            reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
            {
                text = _received.ToString();
                _received.Clear();
                return text;
            }
        }
    }
}
