using System.Collections.Concurrent;
using Kakunin.Store.Integrity;

namespace Kakunin.Store.Imap;

/// <summary>
/// Fills the content cache for mail stored before it existed, from what FETCH has just read and verified: entries are
/// queued and written in batches of at most <see cref="BatchSize"/> rows, one batch in flight at a time, through the
/// writer without waiting for an fsync (a lost cache row costs one more read, nothing else). A reader never waits for
/// it; when more than <see cref="MaxPending"/> entries are queued (the writer is busy) new ones are dropped and are
/// cached the next time they are read.
/// </summary>
internal sealed class ContentCacheWriteBack(StoreWriter writer)
{
    /// <summary>Rows per writer transaction: a few milliseconds of the single writer, so deliveries are not held up.</summary>
    public const int BatchSize = 500;

    /// <summary>Entries queued at most; above it, entries are dropped.</summary>
    public const int MaxPending = 20_000;

    private readonly ConcurrentQueue<Entry> _pending = new();
    private int _count;
    private int _flushing;
    private long _dropped;
    private long _written;

    /// <summary>Entries dropped because too many were pending.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Entries written (an entry for a content cached meanwhile counts too).</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>The header of a content, from bytes that matched the content's checksum.</summary>
    public void RememberHeader(long contentId, ReadOnlySpan<byte> header) =>
        Enqueue(new Entry(contentId, header.Length, ContentChecksum.Of(header), null, null));

    /// <summary>The ENVELOPE texts of a content whose header is cached (or queued before this).</summary>
    public void RememberEnvelope(long contentId, byte[] envelope, byte[]? envelopeUtf8) => Enqueue(new Entry(contentId, 0, null, envelope, envelopeUtf8));

    /// <summary>Starts writing what is queued (the end of a FETCH; a full batch starts on its own).</summary>
    public void Flush()
    {
        if (Volatile.Read(ref _count) == 0 || Interlocked.CompareExchange(ref _flushing, 1, 0) != 0)
        {
            return;
        }

        var batch = new List<Entry>(Math.Min(BatchSize, Volatile.Read(ref _count)));
        while (batch.Count < BatchSize && _pending.TryDequeue(out var entry))
        {
            batch.Add(entry);
        }

        Interlocked.Add(ref _count, -batch.Count);
        writer.WriteWithoutFsyncAsync(tx => Write(tx, batch), CancellationToken.None).ContinueWith(
            done =>
            {
                if (done.IsCompletedSuccessfully)
                {
                    Interlocked.Add(ref _written, batch.Count);
                }

                Volatile.Write(ref _flushing, 0);
                Flush();
            },
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private void Enqueue(Entry entry)
    {
        if (Interlocked.Increment(ref _count) > MaxPending)
        {
            Interlocked.Decrement(ref _count);
            Interlocked.Increment(ref _dropped);
            return;
        }

        _pending.Enqueue(entry);
        if (Volatile.Read(ref _count) >= BatchSize)
        {
            Flush();
        }
    }

    private static int Write(StoreTransaction tx, List<Entry> batch)
    {
        foreach (var e in batch)
        {
            if (e.HeaderSha256 is not null)
            {
                // Only while the content exists (it may have been expunged since it was read); an existing row is kept.
                tx.Execute(
                    "INSERT INTO content_cache (content_id, header_length, header_sha256) SELECT @c, @l, @h WHERE EXISTS (SELECT 1 FROM message_contents WHERE id = @c) " +
                    "ON CONFLICT (content_id) DO NOTHING",
                    ("@c", e.ContentId), ("@l", e.HeaderLength), ("@h", e.HeaderSha256));
            }

            if (e.Envelope is { } envelope)
            {
                tx.Execute(
                    "UPDATE content_cache SET envelope = @e, envelope_sha256 = @es, envelope_utf8 = @u, envelope_utf8_sha256 = @us " +
                    // Not yet cached, or cached text that no longer matches its checksum (found and reported by the reader): derived, so replaced.
                    "WHERE content_id = @c AND (envelope IS NULL OR envelope_sha256 IS NOT " + ContentChecksum.SqlFunction + "(envelope))",
                    ("@c", e.ContentId), ("@e", envelope), ("@es", ContentChecksum.Of(envelope)),
                    ("@u", e.EnvelopeUtf8), ("@us", e.EnvelopeUtf8 is { } u ? ContentChecksum.Of(u) : null));
            }
        }

        return batch.Count;
    }

    private sealed record Entry(long ContentId, int HeaderLength, string? HeaderSha256, byte[]? Envelope, byte[]? EnvelopeUtf8);
}
