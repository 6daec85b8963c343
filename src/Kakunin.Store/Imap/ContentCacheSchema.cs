namespace Kakunin.Store.Imap;

/// <summary>
/// Migration 11: what IMAP reads again and again of a stored message, kept per content row (message_contents), so a
/// header FETCH reads only the header's bytes and an ENVELOPE FETCH reads no message bytes at all (docs/imap-store.md,
/// "The content cache"). Contents are never changed once written, so a cache row never goes stale; each cached value
/// carries its own SHA-256, so damage to the cache is found as damage to the bytes is (docs/storage.md).
/// </summary>
internal static class ContentCacheSchema
{
    public static IReadOnlyList<string> Statements { get; } =
    [
        // header_length: the header block's length in bytes (up to and including the empty line), header_sha256 the
        // SHA-256 (hex) of exactly those bytes, computed from bytes whose whole checksum had just been verified.
        // envelope: the ENVELOPE text (RFC 9051 §7.5.2) as written for a client without UTF8=ACCEPT; envelope_utf8 the
        // text for one with it (RFC 6855), NULL when the two are the same (a header without 8-bit octets). Each with its
        // SHA-256. NULL envelope: not computed yet (filled when a FETCH first asks for it).
        "CREATE TABLE content_cache (content_id INTEGER PRIMARY KEY REFERENCES message_contents (id), header_length INTEGER NOT NULL, header_sha256 TEXT NOT NULL, " +
        "envelope BLOB, envelope_sha256 TEXT, envelope_utf8 BLOB, envelope_utf8_sha256 TEXT)",
        // The cache goes with its content, whatever path deletes the content (a trigger, so no path can forget).
        "CREATE TRIGGER content_cache_release AFTER DELETE ON message_contents BEGIN DELETE FROM content_cache WHERE content_id = old.id; END",
    ];
}
