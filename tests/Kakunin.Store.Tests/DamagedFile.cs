using Microsoft.Data.Sqlite;

namespace Kakunin.Store.Tests;

/// <summary>
/// Real damage to a closed SQLite file, as a failing disk leaves it: one page overwritten with garbage, or bytes
/// changed in place inside a stored value. The WAL is folded into the file first, so the damage is what SQLite reads.
/// </summary>
internal static class DamagedFile
{
    /// <summary>Writes the WAL into the database file and empties it (no connection may be open).</summary>
    public static void Checkpoint(string path)
    {
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            command.ExecuteNonQuery();
        }

        SqliteConnection.ClearAllPools();
    }

    /// <summary>
    /// The page numbers of a table's b-tree leaves, in key order, read from the file itself (the bundled SQLite has no
    /// dbstat): from the table's root page down through interior pages (type 5: a 12-byte header, then 2-byte cell
    /// pointers, each cell starting with its 4-byte left child; the right-most child in the header), to the leaves
    /// (type 13). sqlite.org/fileformat2.html §1.6 "B-tree Pages".
    /// </summary>
    public static List<long> LeafPages(string path, string table)
    {
        long root;
        using (var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = $t";
            command.Parameters.AddWithValue("$t", table);
            root = (long)command.ExecuteScalar()!;
        }

        var bytes = File.ReadAllBytes(path);
        var pageSize = (bytes[16] << 8) | bytes[17];
        pageSize = pageSize == 1 ? 65536 : pageSize;
        var leaves = new List<long>();
        Walk(root);
        return leaves;

        void Walk(long page)
        {
            var start = (int)((page - 1) * pageSize);
            var header = start + (page == 1 ? 100 : 0);
            switch (bytes[header])
            {
                case 13:
                    leaves.Add(page);
                    return;
                case 5:
                    var cells = (bytes[header + 3] << 8) | bytes[header + 4];
                    for (var i = 0; i < cells; i++)
                    {
                        var cell = start + ((bytes[header + 12 + (2 * i)] << 8) | bytes[header + 13 + (2 * i)]);
                        Walk(BigEndian(cell));
                    }

                    Walk(BigEndian(header + 8));
                    return;
                default:
                    throw new InvalidOperationException($"page {page} of {table} is not a table b-tree page");
            }
        }

        long BigEndian(int at) => ((long)bytes[at] << 24) | ((long)bytes[at + 1] << 16) | ((long)bytes[at + 2] << 8) | bytes[at + 3];
    }

    /// <summary>Overwrites page <paramref name="page"/> (1-based) with bytes from a fixed seed; returns its offset.</summary>
    public static long OverwritePage(string path, long page, int pageSize = 4096)
    {
        var garbage = new byte[pageSize];
        new Random(15).NextBytes(garbage);
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        var offset = (page - 1) * pageSize;
        file.Position = offset;
        file.Write(garbage);
        file.Flush(flushToDisk: true);
        return offset;
    }

    /// <summary>
    /// Changes every copy of <paramref name="marker"/> in the file to <paramref name="replacement"/> (same length), where it
    /// lies: the live value and any stale copy SQLite left in free space alike. Returns how many copies were changed.
    /// </summary>
    public static int ChangeInPlace(string path, byte[] marker, byte[] replacement)
    {
        if (replacement.Length != marker.Length)
        {
            throw new ArgumentException("the replacement must be as long as the marker", nameof(replacement));
        }

        var bytes = File.ReadAllBytes(path);
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        var count = 0;
        for (var at = bytes.AsSpan().IndexOf(marker); at >= 0;)
        {
            file.Position = at;
            file.Write(replacement);
            count++;
            var next = bytes.AsSpan(at + 1).IndexOf(marker);
            at = next < 0 ? -1 : at + 1 + next;
        }

        file.Flush(flushToDisk: true);
        return count > 0 ? count : throw new InvalidOperationException($"no copy of the marker in {path}");
    }
}
