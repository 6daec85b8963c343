using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace Kakunin.Store.Integrity;

/// <summary>
/// The checksum kept with every stored message's bytes (mailbox contents, queued messages): SHA-256 as lower-case hex,
/// written when the bytes are written and compared whenever they are read (docs/storage.md). SQL reaches the same
/// function as <c>sha256_hex(blob)</c> (registered on every connection the store opens; on PostgreSQL it would be
/// <c>encode(sha256(x), 'hex')</c>), so a migration or an UPDATE that rewrites bytes in SQL rewrites their checksum too.
/// </summary>
public static class ContentChecksum
{
    /// <summary>The SQL name of the function.</summary>
    public const string SqlFunction = "sha256_hex";

    public static string Of(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>Whether <paramref name="content"/> has the checksum <paramref name="expected"/>; true when none was recorded.</summary>
    public static bool Matches(ReadOnlySpan<byte> content, string? expected) =>
        expected is null || string.Equals(Of(content), expected, StringComparison.Ordinal);

    /// <summary>Makes <c>sha256_hex(blob)</c> callable on <paramref name="connection"/> (deterministic: usable in indexes and CHECKs).</summary>
    public static void Register(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        connection.CreateFunction<byte[]?, string?>(SqlFunction, blob => blob is null ? null : Of(blob), isDeterministic: true);
    }
}
