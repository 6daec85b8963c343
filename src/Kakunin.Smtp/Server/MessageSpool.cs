using System.Net;
using Kakunin.Protocol;
using Microsoft.Extensions.Options;

namespace Kakunin.Smtp.Server;

/// <summary>
/// Where DATA and BDAT content waits until the backend has accepted it: one file per transaction in
/// <see cref="SmtpServerOptions.SpoolDirectory"/> (Postfix streams a message into a queue file the same way, never
/// into memory), with the limits that keep a client from filling the disk or the memory: spool bytes overall and per
/// client address, concurrent transactions per address, and the budget of message bytes held in memory while the
/// backend stores them. One per process, shared by all listeners.
/// </summary>
/// <remarks>
/// The spool is not durable and needs no fsync: a message counts as received only once the backend has stored it
/// (its 250). Files left by a crash are deleted when the spool starts.
/// </remarks>
public sealed class MessageSpool
{
    private const string Extension = ".spool";
    private readonly SmtpServerOptions _options;
    private readonly Lock _lock = new();
    private readonly Dictionary<IPAddress, (int Transactions, long Bytes)> _perAddress = [];
    private long _bytes;
    private int _files;

    public MessageSpool(IOptions<SmtpServerOptions> options)
        : this(options?.Value ?? throw new ArgumentNullException(nameof(options)))
    {
    }

    /// <summary>Creates the spool folder and deletes what an earlier process left in it.</summary>
    public MessageSpool(SmtpServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        Directory = Path.GetFullPath(options.SpoolDirectory ?? Path.Combine(Path.GetTempPath(), "kakunin-spool-" + Guid.NewGuid().ToString("N")));
        System.IO.Directory.CreateDirectory(Directory);
        foreach (var leftover in System.IO.Directory.EnumerateFiles(Directory, "*" + Extension))
        {
            File.Delete(leftover);
        }

        Memory = new ByteBudget(Math.Max(1, options.MaxMessageMemory));
    }

    /// <summary>The spool folder (full path).</summary>
    public string Directory { get; }

    /// <summary>The budget of message bytes the backend may hold in memory at once (<see cref="SmtpServerOptions.MaxMessageMemory"/>).</summary>
    public ByteBudget Memory { get; }

    /// <summary>Bytes in spool files now.</summary>
    public long SpooledBytes
    {
        get
        {
            lock (_lock)
            {
                return _bytes;
            }
        }
    }

    /// <summary>Spool files open now (transactions in DATA or BDAT).</summary>
    public int OpenFiles
    {
        get
        {
            lock (_lock)
            {
                return _files;
            }
        }
    }

    /// <summary>
    /// Starts the content of one transaction from <paramref name="address"/>. Null with the reply to send when a
    /// limit does not allow another transaction now (RFC 5321 §4.3.2: DATA may be answered 451 or 452).
    /// </summary>
    public SpoolStream? TryOpen(IPAddress? address, out SmtpReply? refusal)
    {
        lock (_lock)
        {
            // A transaction starts only while the spool has room for one more message of the largest size (Postfix
            // queue_minfree asks the same of its queue file system), so a started message rarely fails at its end.
            var room = _options.MaxSpoolSize - _bytes;
            refusal = room < Math.Min(_options.MaxMessageSize, _options.MaxSpoolSize) || room <= 0 ? SmtpServerReplies.SpoolFull : null;
            if (refusal is null && address is not null && _perAddress.TryGetValue(address, out var used))
            {
                refusal = used.Transactions >= _options.TransactionsPerAddressLimit ? SmtpServerReplies.TooManyTransactionsFromAddress
                    : used.Bytes >= _options.MaxSpoolSizePerAddress ? SmtpServerReplies.TooManyBytesFromAddress
                    : null;
            }

            if (refusal is not null)
            {
                return null;
            }

            if (address is not null)
            {
                _perAddress.TryGetValue(address, out var used2);
                _perAddress[address] = (used2.Transactions + 1, used2.Bytes);
            }

            _files++;
        }

        try
        {
            var path = Path.Combine(Directory, Guid.NewGuid().ToString("N") + Extension);
            return new SpoolStream(this, address, path);
        }
        catch
        {
            Close(address, 0);
            throw;
        }
    }

    /// <summary>Takes room for <paramref name="count"/> more bytes; null when granted, else the limit's reply (452 4.3.1).</summary>
    internal SmtpReply? TryReserve(IPAddress? address, long count)
    {
        lock (_lock)
        {
            if (_bytes + count > _options.MaxSpoolSize)
            {
                return SmtpServerReplies.SpoolFull;
            }

            if (address is not null)
            {
                var used = _perAddress[address];
                if (used.Bytes + count > _options.MaxSpoolSizePerAddress)
                {
                    return SmtpServerReplies.TooManyBytesFromAddress;
                }

                _perAddress[address] = (used.Transactions, used.Bytes + count);
            }

            _bytes += count;
            return null;
        }
    }

    /// <summary>Gives back the transaction slot and the <paramref name="bytes"/> of a deleted spool file.</summary>
    internal void Close(IPAddress? address, long bytes)
    {
        lock (_lock)
        {
            _files--;
            _bytes -= bytes;
            if (address is not null && _perAddress.TryGetValue(address, out var used))
            {
                if (used.Transactions <= 1)
                {
                    _perAddress.Remove(address);
                }
                else
                {
                    _perAddress[address] = (used.Transactions - 1, used.Bytes - bytes);
                }
            }
        }
    }
}
