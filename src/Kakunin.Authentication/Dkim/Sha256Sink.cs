using System.Security.Cryptography;

namespace Kakunin.Authentication.Dkim;

/// <summary>
/// A write-only stream that SHA-256 hashes what is written to it: a canonicalized header block, or a canonicalized
/// body of which only the first <c>maxLength</c> octets count (RFC 6376 §3.5 l=; -1 for all).
/// </summary>
internal sealed class Sha256Sink(int maxLength = -1) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _length;

    public byte[] Hash() => _hash.GetHashAndReset();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (maxLength >= 0 && _length + buffer.Length > maxLength) buffer = buffer[..(int)(maxLength - _length)];
        _hash.AppendData(buffer);
        _length += buffer.Length;
    }

    public override void WriteByte(byte value) => Write([value]);

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _hash.Dispose();
        base.Dispose(disposing);
    }
}
