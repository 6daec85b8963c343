using System.Data.Common;

namespace Kakunin.Store.Imap;

/// <summary>
/// A user's mail as IMAP sees it (docs/imap-store.md): folders by their store names ("Inbox", "a/b"), messages by
/// UID, flags with MODSEQs. Every call is scoped to one user id: a folder id of another user is "no such folder".
/// Reads open their own connections; changes go through the single writer, one transaction per call.
/// </summary>
public sealed partial class ImapMailRepository
{
    /// <summary>The folder hierarchy delimiter (RFC 9051 §5.1).</summary>
    public const char Delimiter = '/';

    private readonly KakuninStore _store;

    private readonly ContentCacheWriteBack _writeBack;

    internal ImapMailRepository(KakuninStore store)
    {
        _store = store;
        _writeBack = new ContentCacheWriteBack(store.Writer);
    }

    /// <summary>The content cache's write-back (tests and benches look at what it wrote and dropped).</summary>
    internal ContentCacheWriteBack CacheWriteBack => _writeBack;

    private Task<DbConnection> ReadAsync(CancellationToken cancellationToken) => _store.OpenReadConnectionAsync(cancellationToken);

    private static bool OwnsFolder(StoreTransaction tx, long userId, long folderId) =>
        tx.ScalarInt64("SELECT 1 FROM folders WHERE id = @f AND user_id = @u", ("@f", folderId), ("@u", userId)) is not null;

    private static long? FolderId(StoreTransaction tx, long userId, string name) =>
        tx.ScalarInt64("SELECT id FROM folders WHERE user_id = @u AND name = @n", ("@u", userId), ("@n", name));

    private static uint UidValidityOf(StoreTransaction tx, long folderId) =>
        (uint)tx.ScalarInt64("SELECT uid_validity FROM folders WHERE id = @f", ("@f", folderId))!.Value;

    private static async Task<bool> OwnsFolderAsync(DbConnection connection, long userId, long folderId, CancellationToken cancellationToken)
    {
        await using var command = Sql.Command(connection, "SELECT 1 FROM folders WHERE id = @f AND user_id = @u", ("@f", folderId), ("@u", userId));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
    }

    /// <summary>Sorted, distinct UIDs as inclusive ranges, so a set like 1:10000 is one index range, not 10,000 probes.</summary>
    internal static List<(uint First, uint Last)> Ranges(IEnumerable<uint> uids)
    {
        var ranges = new List<(uint First, uint Last)>();
        foreach (var uid in uids.Order())
        {
            if (ranges.Count > 0 && ranges[^1].Last >= uid - 1 && uid > 0)
            {
                if (uid > ranges[^1].Last)
                {
                    ranges[^1] = (ranges[^1].First, uid);
                }
            }
            else
            {
                ranges.Add((uid, uid));
            }
        }

        return ranges;
    }
}
