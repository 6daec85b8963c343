using System.Net;
using Kakunin.Protocol;

namespace Kakunin.Smtp.Server;

/// <summary>
/// The content of one transaction on its way in: kept in memory up to <see cref="InMemoryLimit"/>, then written
/// through a small buffer to a file in the <see cref="MessageSpool"/>, each write first taking room under the spool's
/// limits. Once a limit says no, the rest
/// is discarded and <see cref="Refusal"/> holds the reply for the end of the data. Disposing deletes the file and gives
/// its bytes back, whatever ended the transaction (accepted, refused, RSET, QUIT, timeout, a dropped connection).
/// </summary>
public sealed class SpoolStream : Stream
{
    // Small on purpose: the file, not the buffer, holds the message (issue 8: 40 × 34 MiB must not be 1.3 GB of RAM).
    private const int BufferSize = 16 * 1024;

    /// <summary>
    /// Content up to this size never touches the disk before the store takes it: most mail is smaller, and creating,
    /// writing and reading back a file per message cost 10–25% of throughput at 32 KB (docs/benchmarks.md §1). At most
    /// 64 KiB per session, 32 MiB at the default 500 connections.
    /// </summary>
    public const int InMemoryLimit = 64 * 1024;
    private readonly MessageSpool _spool;
    private readonly IPAddress? _address;
    private FileStream? _file;
    private MemoryStream? _memory = new();
    private long _reserved;
    private bool _disposed;
    private bool _fileMade; // a file was (or may have been) created at Path: only then is there anything to delete

    internal SpoolStream(MessageSpool spool, IPAddress? address, string path)
    {
        _spool = spool;
        _address = address;
        Path = path;
    }

    /// <summary>The file's path (the file exists once the content has passed <see cref="InMemoryLimit"/>).</summary>
    public string Path { get; }

    /// <summary>The reply a spool limit or a failed write asked for (452 4.3.1); null while every byte was kept.</summary>
    public SmtpReply? Refusal { get; private set; }

    /// <summary>Why writing the spool file failed (a full disk, an I/O error), for the log; null when it did not.</summary>
    public IOException? Fault { get; private set; }

    /// <summary>Optional check of the bytes as they are written (BDAT content, RFC 3030).</summary>
    public ChunkContentScanner? Scanner { get; set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => !_disposed;

    /// <summary>Bytes kept so far.</summary>
    public override long Length => _reserved;

    public override long Position
    {
        get => _reserved;
        set => throw new NotSupportedException();
    }

    /// <summary>
    /// The content for the backend: flushed, at its start, seekable, its length known (what
    /// <see cref="ISmtpBackend.AcceptMessageAsync"/> promises). Writing ends here.
    /// </summary>
    /// <returns>Null when the last buffered bytes could not be written (the disk filled up): <see cref="Refusal"/> says what to answer.</returns>
    public async ValueTask<Stream?> OpenContentAsync(CancellationToken cancellationToken)
    {
        if (_memory is not null)
        {
            _memory.Position = 0;
            return _memory;
        }

        try
        {
            await _file!.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            Failed(e);
            return null;
        }

        _file.Position = 0;
        return _file;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (!Take(buffer))
        {
            return;
        }

        try
        {
            Target(buffer.Length).Write(buffer);
        }
        catch (IOException e)
        {
            Failed(e);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (!Take(buffer.Span))
        {
            return ValueTask.CompletedTask;
        }

        if (_memory is not null && _memory.Length + buffer.Length <= InMemoryLimit)
        {
            _memory.Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        return WriteFileAsync(buffer, cancellationToken);
    }

    public override void Flush() => _file?.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>Where the next <paramref name="count"/> bytes go: memory while the content stays small, else the file.</summary>
    private Stream Target(int count)
    {
        if (_memory is null)
        {
            return _file!;
        }

        if (_memory.Length + count <= InMemoryLimit)
        {
            return _memory;
        }

        _fileMade = true;
        _file = new FileStream(Path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, BufferSize, FileOptions.DeleteOnClose);
        _memory.Position = 0;
        _memory.CopyTo(_file);
        _memory.Dispose();
        _memory = null;
        return _file;
    }

    private async ValueTask WriteFileAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        try
        {
            await Target(buffer.Length).WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            Failed(e);
        }
    }

    /// <summary>
    /// The file could not be created or written: the disk is full (ENOSPC, EDQUOT: 452 4.3.1, docs/storage.md) or failed
    /// (451 4.3.0). The file is deleted at once, giving its blocks back; the rest of the content is read and discarded,
    /// and the end of the data is answered with <see cref="Refusal"/>, as for a spool limit (the session goes on).
    /// </summary>
    private void Failed(IOException fault)
    {
        Fault = fault;
        Refusal = IsDiskFull(fault) ? SmtpServerReplies.SpoolDiskFull : SmtpServerReplies.SpoolWriteFailed;
        try
        {
            _file?.Dispose();
        }
        catch (IOException)
        {
            // Its buffered bytes could not be written either: they are not wanted.
        }

        _file = null;
        _memory?.Dispose();
        _memory = null;
        DeleteFile();
    }

    // Most content stays in memory and never has a file: deleting one anyway was two system calls per message (an
    // unlink that fails, then a stat of the folder), docs/benchmarks.md §1 "CPU per message".
    private void DeleteFile()
    {
        if (_fileMade)
        {
            File.Delete(Path);
        }
    }

    // .NET on Linux gives an IOException the errno as its HResult when no other code fits: ENOSPC 28, EDQUOT 122.
    private static bool IsDiskFull(IOException fault) => fault.HResult is 28 or 122;

    private bool Take(ReadOnlySpan<byte> bytes)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Scanner?.Feed(bytes);
        if (Refusal is not null || bytes.IsEmpty)
        {
            return false;
        }

        Refusal = _spool.TryReserve(_address, bytes.Length);
        if (Refusal is not null)
        {
            return false; // RFC 5321 §4.5.3.1.10 style: read on to the end, answer then, keep nothing more.
        }

        _reserved += bytes.Length;
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            try
            {
                try
                {
                    _memory?.Dispose();
                    _file?.Dispose(); // FileOptions.DeleteOnClose removes it
                }
                catch (IOException)
                {
                    // Flushing the last buffered bytes failed (disk full): they were never needed.
                }

                DeleteFile(); // should DeleteOnClose not have run, this does (no error if already gone)
            }
            finally
            {
                _spool.Close(_address, _reserved);
            }
        }

        base.Dispose(disposing);
    }
}
