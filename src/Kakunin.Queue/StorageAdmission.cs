using System.Globalization;
using Kakunin.Protocol;
using Kakunin.Store.Space;

namespace Kakunin.Queue;

/// <summary>
/// Whether new mail may be stored now, from the data folder's free space and its reserve (docs/storage.md): asked at
/// MAIL (<see cref="QueueSmtpBackend"/>), before storing a message (<see cref="MailSubmission"/>, which the end of DATA
/// and the webmail both reach), and after a write that failed, to tell a full disk from other faults.
/// </summary>
/// <remarks>
/// Every refusal is RFC 5321 §4.2.3 452 "Requested action not taken: insufficient system storage", which §4.3.2 allows
/// for MAIL, RCPT, DATA and after the end of data, with RFC 3463 §3.4 X.3.1 "Mail system full": a transient failure,
/// so the client keeps the message and tries again later, and nothing is lost. Not 451 4.3.0 (an unspecified local
/// error: says nothing), not 421 4.3.2 (the session could go on, and mail already accepted is still delivered), not
/// 552 (a permanent refusal of this message; RFC 1870 §6.1 keeps 552 for the fixed size limit).
/// </remarks>
public static class StorageAdmission
{
    /// <summary>452 4.3.1 while free space is below the reserve (Postfix queue_minfree).</summary>
    public static readonly SmtpReply BelowReserve = new(452, EnhancedStatusCodes.MailSystemFull,
        "Insufficient system storage: this server is low on disk space and takes no new mail until space is freed; try again later");

    /// <summary>452 4.3.1 after a write failed because the disk is full: nothing of the message was kept.</summary>
    public static readonly SmtpReply DiskFull = new(452, EnhancedStatusCodes.MailSystemFull,
        "Insufficient system storage: this server's disk is full and your message was not stored; try again later");

    /// <summary>
    /// 452 4.3.1 for a declared or actual size the free space cannot hold now (RFC 1870 §6.1: a size over what is
    /// temporarily available is 452, the fixed limit 552).
    /// </summary>
    public static SmtpReply NoRoomFor(long size) => new(452, EnhancedStatusCodes.MailSystemFull,
        $"Insufficient system storage for a message of {size.ToString(CultureInfo.InvariantCulture)} octets now; try again later");

    /// <summary>
    /// At MAIL: null to go on, else the reply. Refused while below the reserve (or with nothing free), or when SIZE= declares more than the
    /// space above the reserve can store (as Postfix's smtpd_check_size: the size must fit in half of what is free).
    /// Space that cannot be measured does not refuse: the write itself then says whether the disk is full.
    /// </summary>
    public static SmtpReply? CheckMail(StorageSpace space, long? declaredSize)
    {
        ArgumentNullException.ThrowIfNull(space);
        if (space.Read() is not { } reading)
        {
            return null;
        }

        return reading.IsBelowReserve ? BelowReserve
            : declaredSize is { } size && !reading.HasRoomFor(size) ? NoRoomFor(size)
            : null;
    }

    /// <summary>
    /// Before a message of <paramref name="size"/> bytes is stored: throws <see cref="StorageFullException"/> when it
    /// would take the free space below the reserve. With no reserve configured nothing is checked here.
    /// </summary>
    public static void EnsureRoom(StorageSpace space, long size)
    {
        ArgumentNullException.ThrowIfNull(space);
        if (space.Reserve == 0 || space.Read() is not { } reading || reading.HasRoomFor(size))
        {
            return;
        }

        throw new StorageFullException(
            $"not stored: {StorageSize.Format(reading.Free)} free on the file system of {space.Folder}, and the reserve is {StorageSize.Format(reading.Reserve)} (a message of {StorageSize.Format(size)} needs about twice its size above it)",
            reading,
            size);
    }

    /// <summary>The reply for a failed attempt to store a message: 452 4.3.1 when the disk was full, else null.</summary>
    public static SmtpReply? ReplyFor(Exception exception, StorageSpace space) => exception switch
    {
        StorageFullException { Reading: { IsBelowReserve: true } } => BelowReserve,
        StorageFullException { MessageSize: { } size } => NoRoomFor(size),
        _ when OutOfSpace.Is(exception, space) => DiskFull,
        _ => null,
    };
}
