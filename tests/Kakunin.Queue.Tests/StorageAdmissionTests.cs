using Kakunin.Protocol;
using Kakunin.Smtp.Server;
using Kakunin.Store;
using Kakunin.Store.Space;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Kakunin.Queue.Tests;

/// <summary>
/// The reserve decision (docs/storage.md) on the real file system of the temp folder: a reserve larger than any disk
/// is "below the reserve" for sure, none at all is "plenty free". The full-disk faults themselves are shown on a real
/// tmpfs by the integration tests (Storage/).
/// </summary>
public sealed class StorageAdmissionTests
{
    private static readonly string Temp = Path.GetTempPath();

    [Fact]
    public void Mail_is_refused_with_452_4_3_1_below_the_reserve_and_accepted_above_it()
    {
        var below = StorageAdmission.CheckMail(new StorageSpace(Temp, long.MaxValue / 4), null);
        Assert.Equal(452, below!.Code);
        Assert.Equal(EnhancedStatusCodes.MailSystemFull, below.EnhancedCode);
        Assert.Contains("low on disk space", below.Lines[0], StringComparison.Ordinal);

        Assert.Null(StorageAdmission.CheckMail(new StorageSpace(Temp, 0), null));
        Assert.Null(StorageAdmission.CheckMail(new StorageSpace(Temp, 1024), 1000));
    }

    [Fact]
    public void A_declared_size_that_would_take_more_than_half_the_free_space_is_452_at_MAIL()
    {
        var free = new DriveInfo(Temp).AvailableFreeSpace;

        var reply = StorageAdmission.CheckMail(new StorageSpace(Temp, 0), free / 2 + 1_000_000);

        Assert.Equal(452, reply!.Code);
        Assert.StartsWith("Insufficient system storage for a message of", reply.Lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_write_is_452_when_the_disk_was_full_and_nothing_else()
    {
        var space = new StorageSpace(Temp, 0);
        Assert.Equal(StorageAdmission.DiskFull, StorageAdmission.ReplyFor(new SqliteException("database or disk is full", 13), space));
        Assert.Equal(StorageAdmission.DiskFull, StorageAdmission.ReplyFor(new InvalidOperationException("wrapped", DevFullWrite()), space));
        Assert.Null(StorageAdmission.ReplyFor(new SqliteException("disk I/O error", 10), space)); // plenty free: a failing disk, not a full one
        Assert.Null(StorageAdmission.ReplyFor(new IOException("something else"), space));
    }

    [Fact]
    public async Task Below_the_reserve_the_backend_answers_452_and_MailSubmission_stores_nothing()
    {
        var folder = Path.Combine(Temp, "kakunin-space-" + Guid.NewGuid().ToString("N"));
        var store = await KakuninStore.OpenAsync(folder, new StoreOptions { SpaceReserve = long.MaxValue / 4, PasswordIterations = 1000 }, TestContext.Current.CancellationToken);
        try
        {
            var time = new FakeTimeProvider(QueueFixture.Start);
            var options = new QueueOptions { HostName = "mx.example.com" };
            var backend = new QueueSmtpBackend(store, options, time, new QueueMetrics(), NullLogger<QueueSmtpBackend>.Instance);
            var mailFrom = QueueFixture.From("sender@other.test");

            var atMail = await backend.CheckSenderAsync(QueueFixture.Inbound, mailFrom, default);
            using var content = new MemoryStream(QueueFixture.Content("sender@other.test", "bob@example.com"));
            var atEnd = await backend.AcceptMessageAsync(QueueFixture.Inbound, new SmtpEnvelope(mailFrom, [QueueFixture.To("bob@example.com")]), content, default);

            Assert.Equal(StorageAdmission.BelowReserve, atMail);
            Assert.Equal(StorageAdmission.BelowReserve, atEnd);
            var submission = new MailSubmission(store, options, time, new QueueMetrics(), NullLogger.Instance);
            var thrown = await Assert.ThrowsAsync<StorageFullException>(() => submission.AcceptAsync(
                new NewQueueMessage("Q1", "sender@other.test", [new NewQueueRecipient("bob@example.com")], QueueFixture.Content("sender@other.test", "bob@example.com"), QueueFixture.Start),
                "test", default));
            Assert.Contains("the reserve is", thrown.Message, StringComparison.Ordinal);
            Assert.Equal(0, await store.Queue.CountOpenRecipientsAsync(default));
        }
        finally
        {
            await store.DisposeAsync();
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    // A real ENOSPC from the kernel: /dev/full refuses every write with it.
    private static IOException DevFullWrite()
    {
        try
        {
            using var full = new FileStream("/dev/full", FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1);
            full.Write(new byte[16]);
            full.Flush();
        }
        catch (IOException e)
        {
            return e;
        }

        throw new InvalidOperationException("/dev/full accepted a write");
    }
}
