using System.Buffers;
using System.Net.Security;
using System.Security.Authentication;
using System.Text;
using Kakunin.Protocol;

namespace Kakunin.Smtp.Client;

/// <summary>
/// A thin, async SMTP client over a <see cref="Stream"/>: it sends commands and reads replies with a
/// per-command timeout (RFC 5321 §4.5.3.2). Rejections are reply values; an unusable connection
/// (closed, timed out, garbage) is a <see cref="SmtpConnectionException"/>. The caller decides
/// what the replies mean (see <see cref="SmtpDeliveryAttempt"/>).
/// </summary>
public sealed class SmtpClientSession : IAsyncDisposable
{
    private readonly SmtpReplyReader _reader = new();
    private readonly SmtpClientTimeouts _timeouts;
    private readonly TimeProvider _time;
    private Stream _stream;

    public SmtpClientSession(Stream stream, string remoteHost, SmtpClientTimeouts timeouts, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(timeouts);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _stream = stream;
        RemoteHost = remoteHost;
        _timeouts = timeouts;
        _time = timeProvider;
    }

    /// <summary>The host name this session talks to (the Remote-MTA of a DSN).</summary>
    public string RemoteHost { get; }

    /// <summary>What the server advertised in its latest EHLO reply; <see cref="SmtpCapabilities.None"/> before EHLO or after HELO.</summary>
    public SmtpCapabilities Capabilities { get; private set; } = SmtpCapabilities.None;

    /// <summary>True once STARTTLS has succeeded.</summary>
    public bool IsEncrypted { get; private set; }

    /// <summary>Reads the opening reply (RFC 5321 §3.1: 220, or 554 / 421 for a refusal).</summary>
    public Task<SmtpReply> ReadGreetingAsync(CancellationToken cancellationToken) =>
        WithTimeoutAsync(_timeouts.Greeting, "the greeting", t => _reader.ReadReplyAsync(_stream, t), cancellationToken);

    /// <summary>
    /// EHLO, falling back to HELO when EHLO gets a 5xx (RFC 5321 §4.1.4: a server that does not
    /// support extensions answers 500/502). Sets <see cref="Capabilities"/>; returns the deciding reply.
    /// </summary>
    public async Task<SmtpReply> HelloAsync(string heloName, CancellationToken cancellationToken)
    {
        var ehlo = await CommandAsync($"EHLO {heloName}", _timeouts.Command, cancellationToken).ConfigureAwait(false);
        if (ehlo.Code == 250)
        {
            Capabilities = SmtpCapabilities.FromEhloReply(ehlo);
            return ehlo;
        }
        Capabilities = SmtpCapabilities.None;
        if (!ehlo.IsPermanentFailure)
        {
            return ehlo;
        }
        return await CommandAsync($"HELO {heloName}", _timeouts.Command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends STARTTLS and, on 220, performs the TLS handshake (RFC 3207 §4). Returns the STARTTLS
    /// reply; on anything but 220 the session stays in plaintext and usable (RFC 3207 §4: 454 "TLS not
    /// available"). After success the capabilities are forgotten (RFC 3207 §4.2): send EHLO again.
    /// </summary>
    /// <exception cref="SmtpTlsException">The handshake failed; the connection is unusable.</exception>
    public async Task<SmtpReply> StartTlsAsync(SslClientAuthenticationOptions tlsOptions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tlsOptions);
        var reply = await CommandAsync("STARTTLS", _timeouts.Command, cancellationToken).ConfigureAwait(false);
        if (reply.Code != 220)
        {
            return reply;
        }
        if (_reader.Buffered > 0)
        {
            // Bytes sent before the handshake could be injected into the TLS session (CVE-2011-0411 family).
            throw new SmtpConnectionException("The server sent data after its STARTTLS reply, before the TLS handshake.");
        }

        var ssl = new SslStream(_stream, leaveInnerStreamOpen: false);
        try
        {
            await WithTimeoutAsync(_timeouts.Command, "the TLS handshake", async t =>
            {
                await ssl.AuthenticateAsClientAsync(tlsOptions, t).ConfigureAwait(false);
                return true;
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is AuthenticationException or SmtpConnectionException)
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw new SmtpTlsException($"TLS handshake with {RemoteHost} failed: {ex.Message}", ex);
        }
        _stream = ssl;
        IsEncrypted = true;
        Capabilities = SmtpCapabilities.None;
        return reply;
    }

    /// <summary>Sends one command line (CRLF is added) and reads its reply within <paramref name="timeout"/>.</summary>
    public async Task<SmtpReply> CommandAsync(string command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var verb = Verb(command);
        await WriteAsync(Encoding.UTF8.GetBytes(command + "\r\n"), timeout, verb, cancellationToken).ConfigureAwait(false);
        return await WithTimeoutAsync(timeout, $"the reply to {verb}", t => _reader.ReadReplyAsync(_stream, t), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// RFC 2920 §3.1: sends all <paramref name="commands"/> in one write, without waiting for
    /// replies; the caller then reads one reply per command, in order, with <see cref="ReadReplyAsync"/>.
    /// Only for servers that advertised PIPELINING.
    /// </summary>
    public Task WriteCommandsAsync(IReadOnlyList<string> commands, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commands);
        var batch = string.Concat(commands.Select(c => c + "\r\n"));
        return WriteAsync(Encoding.UTF8.GetBytes(batch), timeout, "the pipelined commands", cancellationToken);
    }

    /// <summary>Reads the next reply within <paramref name="timeout"/>; <paramref name="what"/> names it in errors.</summary>
    public Task<SmtpReply> ReadReplyAsync(TimeSpan timeout, string what, CancellationToken cancellationToken) =>
        WithTimeoutAsync(timeout, what, t => _reader.ReadReplyAsync(_stream, t), cancellationToken);

    /// <summary>
    /// After a 354 reply to DATA: streams <paramref name="content"/> dot-stuffed, ends it with
    /// CRLF "." CRLF (RFC 5321 §4.5.2, §4.1.1.4) and reads the final reply. Each block write has the
    /// data-block timeout, the final reply the data-termination timeout (RFC 5321 §4.5.3.2.5–6).
    /// </summary>
    public async Task<SmtpReply> SendContentAsync(Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var stuffer = new DotStuffer();
        var output = new ArrayBufferWriter<byte>(32 * 1024);
        var input = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await content.ReadAsync(input, cancellationToken).ConfigureAwait(false)) > 0)
            {
                stuffer.Write(input.AsSpan(0, read), output);
                await WriteAsync(output.WrittenMemory, _timeouts.DataBlock, "the message content", cancellationToken).ConfigureAwait(false);
                output.ResetWrittenCount();
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(input);
        }
        stuffer.Complete(output);
        await WriteAsync(output.WrittenMemory, _timeouts.DataBlock, "the end of data", cancellationToken).ConfigureAwait(false);
        return await WithTimeoutAsync(_timeouts.DataTermination, "the reply to the end of data", t => _reader.ReadReplyAsync(_stream, t), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends QUIT and waits briefly for 221; errors are ignored, the outcome is already known.</summary>
    public async Task QuitAsync(CancellationToken cancellationToken)
    {
        try
        {
            await CommandAsync("QUIT", _timeouts.Quit, cancellationToken).ConfigureAwait(false);
        }
        catch (SmtpConnectionException)
        {
            // RFC 5321 §4.1.1.10: the server closes after 221; a server that closes first did no harm.
        }
    }

    public ValueTask DisposeAsync() => _stream.DisposeAsync();

    private async Task WriteAsync(ReadOnlyMemory<byte> bytes, TimeSpan timeout, string what, CancellationToken cancellationToken) =>
        await WithTimeoutAsync(timeout, $"sending {what}", async t =>
        {
            await _stream.WriteAsync(bytes, t).ConfigureAwait(false);
            await _stream.FlushAsync(t).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);

    private async Task<T> WithTimeoutAsync<T>(TimeSpan timeout, string what, Func<CancellationToken, ValueTask<T>> operation, CancellationToken cancellationToken)
    {
        using var timer = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            return await operation(linked.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && timer.IsCancellationRequested
            && ex is OperationCanceledException or IOException)
        {
            throw new SmtpConnectionException($"Timed out after {timeout.TotalSeconds:0.###} s waiting for {what} from {RemoteHost}.", ex);
        }
        catch (IOException ex)
        {
            throw new SmtpConnectionException($"Connection to {RemoteHost} lost during {what}: {ex.Message}", ex);
        }
    }

    private static string Verb(string command)
    {
        var colon = command.IndexOfAny([':', ' ']);
        return colon < 0 ? command : command[..colon];
    }
}
