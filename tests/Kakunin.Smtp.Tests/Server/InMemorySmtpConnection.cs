using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Text;
using Kakunin.Smtp.Server;
using Kakunin.Testing.Transcripts;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Kakunin.Smtp.Tests.Server;

/// <summary>Runs an <see cref="SmtpConnectionLoop"/> over in-memory pipes: the test writes client bytes and reads the server's.</summary>
internal sealed class InMemorySmtpConnection : IDuplexPipe, ITranscriptConnection
{
    private static readonly PipeOptions Unbounded = new(pauseWriterThreshold: 0);
    private readonly Pipe _toServer = new(Unbounded);
    private readonly Pipe _toClient = new(Unbounded);

    public InMemorySmtpConnection(
        SmtpServerOptions options,
        FakeSmtpBackend backend,
        ListenerKind listener = ListenerKind.Inbound,
        bool isTls = false,
        MessageSpool? spool = null,
        IPAddress? clientAddress = null,
        FakeTimeProvider? time = null,
        SmtpConnectionSlot? slot = null,
        Func<IDuplexPipe, CancellationToken, Task<IDuplexPipe>>? startTls = null)
    {
        Time = time ?? new FakeTimeProvider(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero));
        Spool = spool ?? new MessageSpool(options);
        Session = new SmtpSession(options, backend, Spool, listener, new IPEndPoint(clientAddress ?? IPAddress.Parse("192.0.2.1"), 40000), isTls, "S1", Time, NullLogger.Instance);
        var loop = new SmtpConnectionLoop(Session, options, Time, startTls, slot);
        Running = Task.Run(async () =>
        {
            try
            {
                await loop.RunAsync(this, CancellationToken.None);
            }
            finally
            {
                Session.Dispose(); // as SmtpConnectionHandler does when a connection ends
                await _toClient.Writer.CompleteAsync();
                await _toServer.Reader.CompleteAsync();
            }
        });
    }

    public FakeTimeProvider Time { get; }

    public SmtpSession Session { get; }

    /// <summary>The spool the session writes message content to (its own unless one was given).</summary>
    public MessageSpool Spool { get; }

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

    /// <summary>Reads until the server's output contains <paramref name="marker"/> or ends.</summary>
    public async Task<string> ReceiveUntilAsync(string? marker)
    {
        var reader = _toClient.Reader;
        while (true)
        {
            var result = await reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            var text = Encoding.UTF8.GetString(result.Buffer.ToArray());
            if ((marker is not null && text.Contains(marker, StringComparison.Ordinal)) || result.IsCompleted)
            {
                reader.AdvanceTo(result.Buffer.End);
                return text;
            }

            reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
    }
}
