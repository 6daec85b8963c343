namespace Kakunin.Store.Security;

/// <summary>
/// Migration 15: the keys that sign and encrypt the webmail's cookies (ASP.NET Core data protection), kept in the
/// database instead of files in &lt;data&gt;/keys, so that several nodes on one database (issue 14, docs/postgresql.md)
/// accept each other's cookies. One row per key, as the key ring writes it: <c>name</c> the name it asks for
/// ("key-&lt;guid&gt;"), <c>xml</c> the element's text (unencrypted, as the files were: docs/security.md, "Cookie keys").
/// Rows are never changed; a revocation is a new row, as it was a new file.
/// </summary>
internal static class DataProtectionKeySchema
{
    public static IReadOnlyList<string> Statements { get; } =
    [
        "CREATE TABLE data_protection_keys (name TEXT PRIMARY KEY, xml TEXT NOT NULL, created_at INTEGER NOT NULL)",
    ];
}
