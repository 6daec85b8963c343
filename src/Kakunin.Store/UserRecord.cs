namespace Kakunin.Store;

/// <summary>A local user as listed by administrators (no password hash).</summary>
public sealed record UserRecord(long Id, string Address, DateTimeOffset CreatedAt);
